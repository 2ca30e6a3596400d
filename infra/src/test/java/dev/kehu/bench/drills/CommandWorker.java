package dev.kehu.bench.drills;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One client of the CRM sending a realistic, seeded mix of commands through the REST API: registers companies
 * (Chinese and English names) and individuals, adds contacts, records interactions with follow-ups, assigns
 * account managers, changes profiles, records orders and complaints, rates credit, opens opportunities and moves
 * them through the pipeline. It works only on the customers and opportunities it created itself (no conflicts
 * between workers) and changes its own picture of them only when a command was acknowledged.
 */
public final class CommandWorker {

    private static final LocalDate MONTH_START = LocalDate.of(2026, 11, 1);
    private static final List<String> STAGES = List.of("LEAD", "QUALIFICATION", "PROPOSAL", "BIDDING", "NEGOTIATION");

    private static final class Customer {
        String id;
        boolean company;
        String creditCode;
        String chineseName;
        String latinName;
        String manager;
        final List<String> contacts = new ArrayList<>();
    }

    private static final class Opportunity {
        String id;
        int stage;
    }

    private final int index;
    private final Random random;
    private final Names names;
    private final Http http;
    private final String baseUrl;
    private final Ledger ledger;
    private final List<Customer> customers = new ArrayList<>();
    private final List<Opportunity> opportunities = new ArrayList<>();
    private int orders;

    public CommandWorker(int index, long seed, Names names, Http http, String baseUrl, Ledger ledger) {
        this.index = index;
        this.random = new Random(seed * 31 + index);
        this.names = names;
        this.http = http;
        this.baseUrl = baseUrl;
        this.ledger = ledger;
    }

    /**
     * Sends commands one after the other until the deadline, {@code maxCommands} or {@code stop}; after a request
     * that got no answer (the application is down) it waits 200 ms, so that an outage is not a busy loop.
     */
    public void run(long deadlineNanos, int maxCommands, BooleanSupplier stop) {
        for (int i = 0; i < maxCommands && System.nanoTime() < deadlineNanos && !stop.getAsBoolean(); i++) {
            if (step().status() == 0) {
                Timing.sleep(200);
            }
        }
    }

    /** Sends one command of the mix. */
    public Http.Answer step() {
        if (customers.size() < 3) {
            return registerCompany();
        }
        int roll = random.nextInt(100);
        Customer customer = customers.get(random.nextInt(customers.size()));
        if (roll < 22) {
            return registerCompany();
        } else if (roll < 27) {
            return registerIndividual();
        } else if (roll < 41) {
            return customer.company ? addContact(customer) : recordInteraction(customer);
        } else if (roll < 56) {
            return recordInteraction(customer);
        } else if (roll < 64) {
            return assignManager(customer);
        } else if (roll < 69) {
            return customer.company ? changeProfile(customer) : rateCredit(customer);
        } else if (roll < 79) {
            return openOpportunity(customer);
        } else if (roll < 87) {
            return opportunities.isEmpty() ? openOpportunity(customer) : moveStage();
        } else if (roll < 93) {
            return recordOrder(customer);
        } else if (roll < 97) {
            return logComplaint(customer);
        }
        return rateCredit(customer);
    }

    /** Registers one company customer and returns its id (null when refused); for drills that need fresh ones. */
    public String registerCompany(String latinWord) {
        Http.Answer answer = register(company(latinWord));
        JsonNode body = answer.ok() ? answer.json() : null;
        return body == null ? null : body.get("id").asText();
    }

    private Http.Answer registerCompany() {
        return register(company(null));
    }

    private Customer company(String latinWord) {
        long n = names.next();
        Names.City city = Names.pick(random, Names.CITIES);
        Names.Word core = Names.pick(random, Names.CORES);
        Names.Word industry = Names.pick(random, Names.INDUSTRIES);
        Customer customer = new Customer();
        customer.company = true;
        customer.creditCode = Names.creditCode(n);
        customer.chineseName = city.chinese() + core.chinese() + industry.chinese() + "有限公司";
        customer.latinName = city.pinyin() + " " + core.pinyin() + " " + (latinWord == null ? "" : latinWord + " ")
                + industry.pinyin() + " Co., Ltd.";
        return customer;
    }

    private Http.Answer register(Customer customer) {
        Names.City city = Names.CITIES.stream().filter(c -> customer.latinName.startsWith(c.pinyin())).findFirst()
                .orElse(Names.CITIES.get(0));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "COMPANY");
        body.put("chineseName", customer.chineseName);
        body.put("latinName", customer.latinName);
        body.put("creditCode", customer.creditCode);
        body.put("industry", Names.pick(random, List.of("retail", "manufacturing", "logistics", "healthcare")));
        body.put("region", city.chinese());
        body.put("segment", Names.pick(random, List.of("BUSINESS", "ENTERPRISE", "SMB")));
        body.put("sourceChannel", Names.pick(random, List.of("REFERRAL", "TRADE_FAIR", "WEBSITE")));
        body.put("tags", List.of(Names.pick(random, List.of("key", "重点", "new", "续约"))));
        body.put("addresses", List.of(city.chinese() + "市" + Names.pick(random, Names.STREETS)));
        return created(customer, send("register-company", "POST", "/api/customers", body));
    }

    private Http.Answer registerIndividual() {
        long n = names.next();
        Names.Person person = Names.pick(random, Names.PEOPLE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "INDIVIDUAL");
        body.put("chineseName", person.chinese());
        body.put("latinName", person.latin());
        body.put("mobile", Names.mobile(n));
        body.put("email", person.latin().toLowerCase(Locale.ROOT).replace(' ', '.') + "." + n + "@example.cn");
        body.put("region", Names.pick(random, Names.CITIES).chinese());
        Customer customer = new Customer();
        customer.chineseName = person.chinese();
        customer.latinName = person.latin();
        return created(customer, send("register-individual", "POST", "/api/customers", body));
    }

    private Http.Answer created(Customer customer, Http.Answer answer) {
        JsonNode body = answer.ok() ? answer.json() : null;
        if (body != null) {
            customer.id = body.get("id").asText();
            customers.add(customer);
        }
        return answer;
    }

    private Http.Answer addContact(Customer customer) {
        Names.Person person = Names.pick(random, Names.PEOPLE);
        long n = names.next();
        Http.Answer answer = send("add-contact", "POST", "/api/customers/" + customer.id + "/contacts", Map.of(
                "name", random.nextBoolean() ? person.chinese() : person.latin(),
                "title", Names.pick(random, Names.TITLES),
                "phones", List.of(String.format(Locale.ROOT, "+86 10 %04d %04d", n / 10_000 % 10_000, n % 10_000)),
                "emails", List.of("contact" + n + "@example.cn")));
        JsonNode body = answer.ok() ? answer.json() : null;
        if (body != null && body.hasNonNull("contactId")) {
            customer.contacts.add(body.get("contactId").asText());
        }
        return answer;
    }

    private Http.Answer recordInteraction(Customer customer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", Names.pick(random, List.of("VISIT", "CALL", "MEETING", "EMAIL", "MESSAGE")));
        if (!customer.contacts.isEmpty()) {
            body.put("contactId", Names.pick(random, customer.contacts));
        }
        body.put("occurredOn", MONTH_START.plusDays(random.nextInt(30)).toString());
        body.put("outcome", Names.pick(random, List.of("介绍新产品 product demo", "报价跟进 quote follow-up",
                "续约意向 renewal interest")));
        if (random.nextBoolean()) {
            body.put("nextFollowUpOn", MONTH_START.plusDays(45 + random.nextInt(40)).toString());
        }
        return send("record-interaction", "POST", "/api/customers/" + customer.id + "/interactions", body);
    }

    private Http.Answer assignManager(Customer customer) {
        String manager = Names.pick(random, Names.MANAGERS);
        if (manager.equals(customer.manager)) {
            manager = Names.MANAGERS.get((Names.MANAGERS.indexOf(manager) + 1) % Names.MANAGERS.size());
        }
        Http.Answer answer = send("assign-manager", "PUT", "/api/customers/" + customer.id + "/account-manager",
                Map.of("accountManager", manager, "reason", "区域调整 territory change"));
        if (answer.ok()) {
            customer.manager = manager;
        }
        return answer;
    }

    private Http.Answer changeProfile(Customer customer) {
        Names.City city = Names.pick(random, Names.CITIES);
        return send("change-profile", "PUT", "/api/customers/" + customer.id + "/profile", Map.of(
                "chineseName", customer.chineseName, "latinName", customer.latinName,
                "creditCode", customer.creditCode, "region", city.chinese(),
                "notes", "地址变更 moved to " + city.pinyin()));
    }

    private Http.Answer rateCredit(Customer customer) {
        return send("rate-credit", "PUT", "/api/customers/" + customer.id + "/credit-rating",
                Map.of("rating", Names.pick(random, List.of("AAA", "AA", "A", "BBB", "BB"))));
    }

    private Http.Answer recordOrder(Customer customer) {
        return send("record-order", "POST", "/api/customers/" + customer.id + "/orders", Map.of(
                "orderNumber", "SO-" + index + "-" + (++orders) + "-" + names.next(),
                "amount", (1000 + random.nextInt(90_000)) + "." + (10 + random.nextInt(90)),
                "currency", "CNY",
                "orderedOn", MONTH_START.plusDays(random.nextInt(30)).toString()));
    }

    private Http.Answer logComplaint(Customer customer) {
        return send("log-complaint", "POST", "/api/customers/" + customer.id + "/complaints", Map.of(
                "subject", Names.pick(random, List.of("发货延迟 late delivery", "发票错误 wrong invoice")),
                "description", "客户来电反映 the customer called about it"));
    }

    private Http.Answer openOpportunity(Customer customer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customer.id);
        body.put("title", Names.pick(random, List.of("ERP 系统升级 ERP upgrade", "年度框架协议 annual framework deal",
                "仓储自动化 warehouse automation")));
        body.put("amount", (50 + random.nextInt(900)) + "000.00");
        body.put("currency", "CNY");
        body.put("expectedCloseDate", LocalDate.of(2027, 1 + random.nextInt(12), 1 + random.nextInt(28)).toString());
        body.put("source", "REFERRAL");
        body.put("ownerId", Names.pick(random, Names.MANAGERS));
        body.put("priority", Names.pick(random, List.of("KEY", "HIGH", "NORMAL", "LOW")));
        Http.Answer answer = send("open-opportunity", "POST", "/api/opportunities", body);
        JsonNode created = answer.ok() ? answer.json() : null;
        if (created != null) {
            Opportunity opportunity = new Opportunity();
            opportunity.id = created.get("id").asText();
            opportunities.add(opportunity);
        }
        return answer;
    }

    private Http.Answer moveStage() {
        Opportunity opportunity = opportunities.get(random.nextInt(opportunities.size()));
        if (opportunity.stage + 1 >= STAGES.size()) {
            opportunities.remove(opportunity);
            return step();
        }
        Http.Answer answer = send("move-stage", "POST", "/api/opportunities/" + opportunity.id + "/stage",
                Map.of("stage", STAGES.get(opportunity.stage + 1)));
        if (answer.ok()) {
            opportunity.stage++;
        }
        return answer;
    }

    private Http.Answer send(String command, String method, String path, Object body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextInt(4) == 0) {
            headers.put("X-Reason", URLEncoder.encode("客户来电 customer call", StandardCharsets.UTF_8).replace("+", "%20"));
        }
        long sentAt = System.nanoTime();
        Http.Answer answer = http.send(method, baseUrl + path, Http.json(body), headers, Http.REQUEST_TIMEOUT);
        ledger.record(command, sentAt, answer);
        return answer;
    }
}
