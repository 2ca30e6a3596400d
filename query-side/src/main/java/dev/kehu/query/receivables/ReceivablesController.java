package dev.kehu.query.receivables;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.figures.PaymentRecord;
import dev.kehu.query.figures.ReceivableAge;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.web.QueryParameters;
import dev.kehu.query.web.ViewFreshness;
import dev.kehu.query.web.ViewResponses;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Receivables (应收款), aged as of today ({@link ReceivableAge}: 0–30, 31–60, 61–90, over 90 days from the invoice
 * date, per currency):
 * {@code GET /api/receivables?region&manager&minPosition} — the total, by region and by account manager (the
 * customers' current ones), summed from one precomputed row per region, manager and currency (with a region, only
 * that region's rows, read by {@code _id} range);
 * {@code GET /api/receivables/customers/{customerId}?minPosition} — one customer's open invoices with their age, its
 * buckets and its payment record ({@link PaymentRecord}).
 */
@RestController
@RequestMapping("/api/receivables")
public class ReceivablesController {

    private final MongoDatabase database;
    private final ViewFreshness freshness;
    private final ReportContext report;

    public ReceivablesController(MongoDatabase database, ViewFreshness freshness, ReportContext report) {
        this.database = database;
        this.freshness = freshness;
        this.report = report;
    }

    @GetMapping
    public CompletableFuture<ResponseEntity<Map<String, Object>>> receivables(@RequestParam(required = false) String region,
                                                                              @RequestParam(required = false) String manager,
                                                                              @RequestParam(required = false) Long minPosition) {
        String regionFilter = QueryParameters.text("region", region);
        String managerFilter = QueryParameters.text("manager", manager);
        LocalDate today = report.today();
        return freshness.answer(minPosition, ProjectionGroups.RECEIVABLES, fresh -> {
            Map<String, ReceivableAge.Buckets> total = new TreeMap<>();
            Map<List<String>, ReceivableAge.Buckets> byRegion = new TreeMap<>(KEYS);
            Map<List<String>, ReceivableAge.Buckets> byManager = new TreeMap<>(KEYS);
            for (Document row : rows(regionFilter)) {
                String rowRegion = row.getString("region");
                String rowManager = row.getString("accountManager");
                if (regionFilter != null && !regionFilter.equals(rowRegion)
                        || managerFilter != null && !managerFilter.equals(rowManager)) {
                    continue;
                }
                String currency = row.getString("currency");
                ReceivableAge.Buckets buckets = aged(row.get("byDay", Document.class), today);
                total.computeIfAbsent(currency, c -> new ReceivableAge.Buckets()).add(buckets);
                byRegion.computeIfAbsent(key(rowRegion, currency), k -> new ReceivableAge.Buckets()).add(buckets);
                byManager.computeIfAbsent(key(rowManager, currency), k -> new ReceivableAge.Buckets()).add(buckets);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("asOf", today.toString());
            body.put("region", regionFilter);
            body.put("manager", managerFilter);
            body.put("total", rows(total, currency -> Map.of("currency", currency)));
            body.put("byRegion", rows(byRegion, k -> keyed("region", k)));
            body.put("byManager", rows(byManager, k -> keyed("accountManager", k)));
            return ViewResponses.okWithFreshnessInBody(body, fresh);
        });
    }

    @GetMapping("/customers/{customerId}")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> customer(@PathVariable String customerId,
                                                                           @RequestParam(required = false) Long minPosition) {
        LocalDate today = report.today();
        return freshness.answer(minPosition, ProjectionGroups.RECEIVABLES, fresh -> {
            Document customer = ViewResponses.found(database.getCollection(ReceivablesProjection.CUSTOMERS),
                    "receivables", customerId);
            Map<String, ReceivableAge.Buckets> byCurrency = new TreeMap<>();
            List<Map<String, Object>> open = new ArrayList<>();
            for (Document invoice : Docs.list(customer, "open")) {
                LocalDate invoicedOn = Docs.localDate(invoice.getString("invoicedOn"));
                byCurrency.computeIfAbsent(invoice.getString("currency"), c -> new ReceivableAge.Buckets())
                        .add(invoicedOn, Docs.amount(invoice.get("outstanding")), today);
                Map<String, Object> row = new LinkedHashMap<>();
                for (String field : List.of("invoiceNumber", "orderNumber", "currency", "amount", "outstanding",
                        "invoicedOn", "dueOn")) {
                    row.put(field, field.equals("amount") || field.equals("outstanding")
                            ? Docs.amount(invoice.get(field)) : invoice.get(field));
                }
                row.put("ageDays", invoicedOn == null ? null : ReceivableAge.days(invoicedOn, today));
                row.put("bucket", ReceivableAge.bucket(invoicedOn, today));
                open.add(row);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("customerId", customerId);
            body.put("name", customer.getString("name"));
            body.put("region", customer.getString("region"));
            body.put("accountManager", customer.getString("accountManager"));
            body.put("asOf", today.toString());
            body.put("openInvoices", open);
            body.put("aged", rows(byCurrency, currency -> Map.of("currency", currency)));
            body.put("paymentRecord", ReceivablesProjection.record(customer.get("paymentRecord", Document.class)).figures());
            return ViewResponses.okWithFreshnessInBody(body, fresh);
        });
    }

    /**
     * The group rows to sum: with a region, the {@code _id} range of that region's rows (the id starts with the
     * region); else all of them, one per region, manager and currency however many invoices there are.
     */
    private Iterable<Document> rows(String region) {
        var groups = database.getCollection(ReceivablesProjection.GROUPS);
        if (region == null) {
            return groups.find();
        }
        char separator = ReceivablesProjection.SEPARATOR.charAt(0);
        return groups.find(new Document("_id", new Document("$gte", region + separator)
                .append("$lt", region + (char) (separator + 1))));
    }

    private static final java.util.Comparator<List<String>> KEYS = java.util.Comparator
            .<List<String>, String>comparing(k -> k.get(0), java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
            .thenComparing(k -> k.get(1));

    private static List<String> key(String name, String currency) {
        return java.util.Arrays.asList(name, currency);
    }

    private static Map<String, Object> keyed(String name, List<String> key) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(name, key.get(0));
        row.put("currency", key.get(1));
        return row;
    }

    private static <K> List<Map<String, Object>> rows(Map<K, ReceivableAge.Buckets> buckets, Function<K, Map<String, Object>> head) {
        List<Map<String, Object>> rows = new ArrayList<>();
        buckets.forEach((key, sums) -> {
            Map<String, Object> figures = sums.figures();
            if (((java.math.BigDecimal) figures.get("total")).signum() != 0) { // a row whose invoices were all paid
                Map<String, Object> row = new LinkedHashMap<>(head.apply(key));
                row.putAll(figures);
                rows.add(row);
            }
        });
        return rows;
    }

    /** A row's open amounts by invoice day, put in age buckets as of today. */
    private static ReceivableAge.Buckets aged(Document byDay, LocalDate today) {
        ReceivableAge.Buckets buckets = new ReceivableAge.Buckets();
        if (byDay != null) {
            byDay.forEach((day, amount) -> buckets.add(ReceivablesProjection.UNDATED.equals(day) ? null : LocalDate.parse(day),
                    Docs.amount(amount), today));
        }
        return buckets;
    }
}
