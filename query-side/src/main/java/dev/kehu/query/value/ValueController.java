package dev.kehu.query.value;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.query.figures.SpendWindow;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.web.CursorPaging;
import dev.kehu.query.web.QueryParameters;
import dev.kehu.query.web.ViewFreshness;
import dev.kehu.query.web.ViewResponses;
import dev.kehu.query.web.ViewRows;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Customer value:
 * {@code GET /api/value/rfm?segment&region&manager&sort&cursor&limit&minPosition} — RFM scores
 * 1–5 by quintiles over active customers (recency = days since last order, frequency = orders in
 * the last twelve months, monetary = their amount) and the segment they give (8 classic segments,
 * high = score ≥ 3); sort {@code -rfm} (default), {@code -monetary}, {@code recency}, {@code name}.
 * {@code GET /api/value/key-accounts?cursor&limit&minPosition} — the customers that together make
 * up 80% of twelve-month revenue, largest first.
 */
@RestController
@RequestMapping("/api/value")
public class ValueController {

    static final Set<String> ACTIVE = Set.of("ACTIVE", "REACTIVATED");
    static final List<String> SORTS = List.of("-rfm", "rfm", "-monetary", "monetary", "recency", "-recency", "name", "-name");
    private static final BigDecimal KEY_ACCOUNT_SHARE = new BigDecimal("0.80");

    /** The eight RFM segments by high (H, score ≥ 3) or low (L) recency, frequency, monetary. */
    enum Segment {
        IMPORTANT_VALUE("HHH", "重要价值客户", "champions"),
        IMPORTANT_RETENTION("LHH", "重要保持客户", "loyal, slipping away"),
        IMPORTANT_DEVELOPMENT("HLH", "重要发展客户", "big spenders to develop"),
        IMPORTANT_WIN_BACK("LLH", "重要挽留客户", "big spenders to win back"),
        GENERAL_VALUE("HHL", "一般价值客户", "frequent small buyers"),
        GENERAL_RETENTION("LHL", "一般保持客户", "frequent small buyers, slipping"),
        GENERAL_DEVELOPMENT("HLL", "一般发展客户", "new or occasional"),
        GENERAL_WIN_BACK("LLL", "一般挽留客户", "hibernating");

        final String pattern;
        final String chineseName;
        final String description;

        Segment(String pattern, String chineseName, String description) {
            this.pattern = pattern;
            this.chineseName = chineseName;
            this.description = description;
        }

        static Segment of(int r, int f, int m) {
            String pattern = (r >= 3 ? "H" : "L") + (f >= 3 ? "H" : "L") + (m >= 3 ? "H" : "L");
            return Arrays.stream(values()).filter(s -> s.pattern.equals(pattern)).findFirst().orElseThrow();
        }
    }

    private final MongoDatabase database;
    private final ViewFreshness freshness;
    private final ReportContext report;

    public ValueController(MongoDatabase database, ViewFreshness freshness, ReportContext report) {
        this.database = database;
        this.freshness = freshness;
        this.report = report;
    }

    @GetMapping("/rfm")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> rfm(@RequestParam(required = false) String segment,
                                                                      @RequestParam(required = false) String region,
                                                                      @RequestParam(required = false) String manager,
                                                                      @RequestParam(required = false) String sort,
                                                                      @RequestParam(required = false) String cursor,
                                                                      @RequestParam(required = false) Integer limit,
                                                                      @RequestParam(required = false) Long minPosition) {
        String segmentFilter = QueryParameters.enumValue("segment", segment == null ? null : segment.replace('-', '_'), Segment.class);
        String order = QueryParameters.oneOf("sort", sort, SORTS, "-rfm");
        int size = CursorPaging.limit(limit);
        return freshness.answer(minPosition, ProjectionGroups.VALUE, fresh -> {
            LocalDate today = report.today();

            List<Map<String, Object>> scored = score(today);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Segment s : Segment.values()) {
                counts.put(s.name(), 0L);
            }
            scored.forEach(row -> counts.merge((String) row.get("segment"), 1L, Long::sum));
            List<Map<String, Object>> rows = scored.stream()
                    .filter(row -> segmentFilter == null || segmentFilter.equals(row.get("segment")))
                    .filter(row -> region == null || region.equals(row.get("region")))
                    .filter(row -> manager == null || manager.equals(row.get("accountManager")))
                    .toList();
            String key = order.replace("-", "");
            CursorPaging.Slice<Map<String, Object>> slice = CursorPaging.page(rows, row -> switch (key) {
                case "monetary" -> row.get("monetary");
                case "recency" -> row.get("recencyDays");
                case "name" -> row.get("name");
                default -> row.get("rfmTotal");
            }, order.startsWith("-"), cursor, size);

            Map<String, Object> body = new LinkedHashMap<>();
            body.put("today", today.toString());
            body.put("currency", report.currency());
            body.put("population", scored.size());
            List<Map<String, Object>> segments = new ArrayList<>();
            for (Segment s : Segment.values()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("segment", s.name());
                row.put("chineseName", s.chineseName);
                row.put("description", s.description);
                row.put("count", counts.get(s.name()));
                segments.add(row);
            }
            body.put("segments", segments);
            return pageOf(body, slice, fresh);
        });
    }

    @GetMapping("/key-accounts")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> keyAccounts(@RequestParam(required = false) String cursor,
                                                                              @RequestParam(required = false) Integer limit,
                                                                              @RequestParam(required = false) Long minPosition) {
        int size = CursorPaging.limit(limit);
        return freshness.answer(minPosition, ProjectionGroups.VALUE, fresh -> {
            LocalDate today = report.today();
            List<Map<String, Object>> revenues = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            for (Document customer : database.getCollection(ValueProjection.COLLECTION).find(Filters.eq("merged", false))) {
                BigDecimal revenue = BigDecimal.ZERO;
                for (Document order : customer.getList("orders", Document.class, List.of())) {
                    LocalDate on = Docs.localDate(order.get("on"));
                    if (report.currency().equals(order.getString("currency")) && SpendWindow.contains(today, on)) {
                        revenue = revenue.add(Docs.amount(order.get("amount")));
                    }
                }
                if (revenue.signum() > 0) {
                    Map<String, Object> row = customerRow(customer);
                    row.put("revenue", revenue);
                    revenues.add(row);
                    total = total.add(revenue);
                }
            }
            revenues.sort(Comparator.comparing((Map<String, Object> r) -> (BigDecimal) r.get("revenue")).reversed()
                    .thenComparing(r -> (String) r.get("_id")));
            List<Map<String, Object>> keyAccounts = new ArrayList<>();
            BigDecimal cumulative = BigDecimal.ZERO;
            for (Map<String, Object> row : revenues) {
                if (total.signum() == 0 || cumulative.compareTo(total.multiply(KEY_ACCOUNT_SHARE)) >= 0) {
                    break;
                }
                cumulative = cumulative.add((BigDecimal) row.get("revenue"));
                row.put("share", ((BigDecimal) row.get("revenue")).divide(total, 6, RoundingMode.HALF_UP));
                row.put("cumulativeShare", cumulative.divide(total, 6, RoundingMode.HALF_UP));
                row.put("rank", keyAccounts.size() + 1);
                keyAccounts.add(row);
            }
            CursorPaging.Slice<Map<String, Object>> slice = CursorPaging.page(keyAccounts, row -> row.get("rank"), false, cursor, size);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("today", today.toString());
            body.put("currency", report.currency());
            body.put("twelveMonthRevenue", total);
            body.put("customersWithRevenue", revenues.size());
            body.put("keyAccountCount", keyAccounts.size());
            body.put("keyAccountRevenue", cumulative);
            return pageOf(body, slice, fresh);
        });
    }

    /** R, F and M values and quintile scores of every active customer with at least one order. */
    private List<Map<String, Object>> score(LocalDate today) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Document customer : database.getCollection(ValueProjection.COLLECTION)
                .find(Filters.and(Filters.eq("merged", false), Filters.in("lifecycle", ACTIVE)))) {
            LocalDate last = null;
            long frequency = 0;
            BigDecimal monetary = BigDecimal.ZERO;
            for (Document order : customer.getList("orders", Document.class, List.of())) {
                if (!report.currency().equals(order.getString("currency"))) {
                    continue;
                }
                LocalDate on = Docs.localDate(order.get("on"));
                if (on == null || on.isAfter(today)) {
                    continue;
                }
                last = last == null || on.isAfter(last) ? on : last;
                if (SpendWindow.contains(today, on)) {
                    frequency++;
                    monetary = monetary.add(Docs.amount(order.get("amount")));
                }
            }
            if (last == null) {
                continue;
            }
            Map<String, Object> row = customerRow(customer);
            row.put("lastOrderOn", last.toString());
            row.put("recencyDays", ChronoUnit.DAYS.between(last, today));
            row.put("frequency", frequency);
            row.put("monetary", monetary);
            rows.add(row);
        }
        int n = rows.size();
        long[] recency = rows.stream().mapToLong(r -> (Long) r.get("recencyDays")).sorted().toArray();
        long[] frequency = rows.stream().mapToLong(r -> (Long) r.get("frequency")).sorted().toArray();
        BigDecimal[] monetary = rows.stream().map(r -> (BigDecimal) r.get("monetary")).sorted().toArray(BigDecimal[]::new);
        for (Map<String, Object> row : rows) {
            long days = (Long) row.get("recencyDays");
            int r = quintile(n - upperBound(recency, days), n);        // fewer days is better
            int f = quintile(lowerBound(frequency, (Long) row.get("frequency")), n);
            int m = quintile(lowerBound(monetary, (BigDecimal) row.get("monetary")), n);
            row.put("r", r);
            row.put("f", f);
            row.put("m", m);
            row.put("rfmTotal", r + f + m);
            row.put("segment", Segment.of(r, f, m).name());
        }
        return rows;
    }

    /** Score 1–5 from how many customers rank strictly below this one. */
    static int quintile(int below, int population) {
        return population == 0 ? 1 : Math.min(5, 1 + (5 * below) / population);
    }

    private static int lowerBound(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(long[] sorted, long value) {
        return value == Long.MAX_VALUE ? sorted.length : lowerBound(sorted, value + 1);
    }

    private static int lowerBound(BigDecimal[] sorted, BigDecimal value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(value) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The page's items (without internal fields), its cursor and the view's freshness, after what {@code body} holds. */
    private static ResponseEntity<Map<String, Object>> pageOf(Map<String, Object> body, CursorPaging.Slice<Map<String, Object>> slice,
                                                             ProjectionPositions.Freshness fresh) {
        return ViewResponses.okWithFreshnessInBody(slice.into(body, row -> ViewRows.published(row, "customerId", "rfmTotal")), fresh);
    }

    /** A row that starts with who the customer is: id, name, region, account manager, tier. */
    private static Map<String, Object> customerRow(Document customer) {
        return ViewRows.fieldsOf(customer, "_id", "name", "region", "accountManager", "tier");
    }
}
