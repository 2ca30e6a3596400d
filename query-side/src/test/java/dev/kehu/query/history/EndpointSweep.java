package dev.kehu.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.opportunity.OpportunityOpened;
import org.axonframework.eventhandling.EventMessage;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every GET endpoint of the read side, with and without each filter, every sort and every page
 * (following {@code nextCursor}), over the ids and filter values a history contains: collects the
 * answers that are 5xx or, when 200, not JSON. With {@code elasticsearch} also search and reports.
 */
public final class EndpointSweep {

    /** JSON has no limit on digits; an amount of 1E+6144 written out in full is still an answer. */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNumberLength(100_000).build()).build());
    private static final int MAX_VALUE_LENGTH = 2_000;
    private static final int MAX_PAGES = 30;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final List<String> failures = new ArrayList<>();
    private final String authorization;
    private int requests;

    public EndpointSweep(int port) {
        this(port, null);
    }

    /** With an {@code Authorization} header value for an application that requires sign-in; then 401 and 403 fail the sweep too. */
    public EndpointSweep(int port, String authorization) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    /** The number of requests sent so far. */
    public int requests() {
        return requests;
    }

    /** Sweeps every endpoint; returns the failures ("GET url → status body"). */
    public List<String> sweep(List<? extends EventMessage<?>> events, boolean elasticsearch) throws InterruptedException {
        Set<String> customers = new LinkedHashSet<>();
        Set<String> managers = new LinkedHashSet<>();
        Set<String> regions = new LinkedHashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        Set<String> segments = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> owners = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            CustomerProfile profile = null;
            if (payload instanceof CustomerRegistered registered) {
                customers.add(registered.customerId());
                profile = registered.profile();
            } else if (payload instanceof CustomerProfileChanged changed) {
                profile = changed.profile();
            } else if (payload instanceof AccountManagerAssigned assigned) {
                add(managers, assigned.accountManager());
            } else if (payload instanceof OpportunityOpened opened) {
                add(owners, opened.ownerId());
            }
            if (profile != null) {
                add(regions, profile.region());
                add(segments, profile.segment());
                add(names, profile.chineseName());
                add(names, profile.latinName());
                profile.tags().forEach(tag -> add(tags, tag));
            }
        }
        List<String> someCustomers = new ArrayList<>(customers).subList(0, Math.min(40, customers.size()));
        for (String customer : someCustomers) {
            get("/api/customers/" + path(customer) + "/360");
        }
        get("/api/customers/no-such-customer/360");
        get("/api/projections");

        for (String sort : List.of("", "name", "-name", "lastInteraction", "-lastInteraction", "spend12m", "-spend12m")) {
            pages("/api/customers?limit=7" + param("sort", sort));
        }
        filters("/api/customers?limit=50", "region", regions);
        filters("/api/customers?limit=50", "segment", segments);
        filters("/api/customers?limit=50", "manager", managers);
        filters("/api/customers?limit=50", "tag", tags);
        for (String value : List.of("NONE", "SILVER", "GOLD", "DIAMOND")) {
            pages("/api/customers?limit=50&tier=" + value);
        }
        for (String value : List.of("PROSPECT", "ACTIVE", "DORMANT", "CHURNED", "REACTIVATED", "DROPPED")) {
            pages("/api/customers?limit=50&lifecycle=" + value);
        }

        for (String manager : managers) {
            get("/api/worklists/" + path(manager));
            get("/api/worklists/" + path(manager) + "?notContactedDays=0");
            for (String section : List.of("follow-ups-due-today", "overdue-follow-ups", "not-contacted", "overdue-opportunities")) {
                pages("/api/worklists/" + path(manager) + "/" + section + "?limit=5");
            }
        }

        get("/api/pipeline");
        get("/api/pipeline?from=1900-01-01&to=9999-12-31");
        get("/api/pipeline?from=2025-01-01&to=2026-12-31");
        filters("/api/pipeline?from=1900-01-01&to=9999-12-31", "owner", owners);
        filters("/api/pipeline?", "region", regions);

        for (String sort : List.of("", "-rfm", "rfm", "-monetary", "monetary", "recency", "-recency", "name", "-name")) {
            pages("/api/value/rfm?limit=9" + param("sort", sort));
        }
        for (String segment : List.of("IMPORTANT_VALUE", "IMPORTANT_DEVELOP", "IMPORTANT_RETAIN", "IMPORTANT_KEEP",
                "GENERAL_VALUE", "GENERAL_DEVELOP", "GENERAL_RETAIN", "GENERAL_KEEP")) {
            pages("/api/value/rfm?limit=50&segment=" + segment);
        }
        filters("/api/value/rfm?limit=50", "region", regions);
        filters("/api/value/rfm?limit=50", "manager", managers);
        pages("/api/value/key-accounts?limit=5");

        pages("/api/risk/churn?limit=9");
        pages("/api/risk/churn?limit=9&noPurchaseDays=0");
        pages("/api/risk/churn?limit=9&noPurchaseDays=100000");
        filters("/api/risk/churn?limit=50", "region", regions);
        filters("/api/risk/churn?limit=50", "manager", managers);
        pages("/api/risk/credit-exposure?limit=9");
        pages("/api/risk/credit-exposure?limit=9&overLimitOnly=true");
        filters("/api/risk/credit-exposure?limit=50", "region", regions);
        filters("/api/risk/credit-exposure?limit=50", "manager", managers);
        pages("/api/risk/overdue-invoices?limit=9");
        filters("/api/risk/overdue-invoices?limit=50", "region", regions);
        filters("/api/risk/overdue-invoices?limit=50", "manager", managers);

        get("/api/service");
        get("/api/service?from=1900-01-01&to=9999-12-31");
        filters("/api/service?from=1900-01-01&to=9999-12-31", "region", regions);
        filters("/api/service?from=1900-01-01&to=9999-12-31", "manager", managers);

        if (elasticsearch) {
            get("/api/search/customers");
            get("/api/search/customers?size=100");
            for (String name : names) {
                get("/api/search/customers?size=20" + param("q", name));
            }
            for (String q : List.of("张", "zhang", "138", "8000", "jd@", "😀", "长长长", "a.b$c", "*", "\"", "~", "Ω")) {
                get("/api/search/customers" + "?" + param("q", q).substring(1));
            }
            filters("/api/search/customers?size=5", "region", regions);
            filters("/api/search/customers?size=5", "manager", managers);
            filters("/api/search/customers?size=5", "tag", tags);
            for (String page : List.of("0", "1", "5")) {
                get("/api/search/customers?size=7&page=" + page);
            }
            get("/api/reports/opportunities");
            for (String groupBy : List.of("stage", "owner", "region", "industry", "tier", "closeMonth", "expectedCloseMonth",
                    "stage,owner", "region,closeMonth", "tier,industry")) {
                get("/api/reports/opportunities" + "?" + param("groupBy", groupBy).substring(1));
                get("/api/reports/opportunities?from=1900-01-01&to=9999-12-31&status=OPEN,WON,LOST" + param("groupBy", groupBy));
            }
            filters("/api/reports/opportunities?groupBy=stage", "region", regions);
            filters("/api/reports/opportunities?groupBy=stage", "owner", owners);
        }
        return List.copyOf(failures);
    }

    private void filters(String path, String name, Set<String> values) throws InterruptedException {
        pages(path);
        for (String value : values) {
            pages(path + param(name, value));
        }
    }

    /** Every page of a list endpoint, following nextCursor. */
    private void pages(String path) throws InterruptedException {
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode body = get(path + (cursor == null ? "" : param("cursor", cursor)));
            JsonNode next = body == null ? null : body.get("nextCursor");
            if (next == null || next.isNull()) {
                return;
            }
            cursor = next.asText();
        }
    }

    private JsonNode get(String path) throws InterruptedException {
        String url = base + (path.endsWith("?") ? path.substring(0, path.length() - 1) : path.replace("?&", "?"));
        requests++;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 500 || response.statusCode() == 401 || response.statusCode() == 403) {
                failures.add("GET " + abbreviate(url) + " → " + response.statusCode() + " " + abbreviate(response.body()));
                return null;
            }
            if (response.statusCode() == 200) {
                try {
                    return JSON.readTree(response.body());
                } catch (IOException e) {
                    failures.add("GET " + abbreviate(url) + " → 200 but not JSON: " + abbreviate(response.body()));
                }
            }
            return null;
        } catch (IOException e) {
            failures.add("GET " + abbreviate(url) + " → " + e);
            return null;
        }
    }

    private static void add(Set<String> values, String value) {
        if (value != null) {
            values.add(value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) : value);
        }
    }

    private static String param(String name, String value) {
        return value == null || value.isEmpty() && !name.equals("q") ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String path(String segment) {
        String value = segment.length() > MAX_VALUE_LENGTH ? segment.substring(0, MAX_VALUE_LENGTH) : segment;
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 400 ? text : text.substring(0, 400) + "…";
    }
}
