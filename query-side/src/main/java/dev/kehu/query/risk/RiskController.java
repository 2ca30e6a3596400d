package dev.kehu.query.risk;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions.Freshness;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.web.CursorPaging;
import dev.kehu.query.web.QueryParameters;
import dev.kehu.query.web.ViewFreshness;
import dev.kehu.query.web.ViewResponses;
import dev.kehu.query.web.ViewRows;
import org.bson.Document;
import org.bson.conversions.Bson;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;

/**
 * Risk reports:
 * {@code GET /api/risk/churn?noPurchaseDays&region&manager&cursor&limit&minPosition} — customers
 * with no order for N days (default {@code kehu.risk.no-purchase-days} = 90) or whose order
 * frequency over the last 180 days fell below half their own earlier rate;
 * {@code GET /api/risk/credit-exposure?overLimitOnly&region&manager&cursor&limit&minPosition} —
 * open deals + reserved won deals + unpaid invoices against the credit limit, highest utilisation
 * first; {@code GET /api/risk/overdue-invoices?region&manager&cursor&limit&minPosition} — unpaid
 * invoices past due, longest overdue first. An invoice without a due date is overdue only once the ERP
 * reported it overdue (InvoiceOverdue), counted from that date; until then it is not overdue.
 */
@RestController
@RequestMapping("/api/risk")
public class RiskController {

    static final int RECENT_WINDOW_DAYS = 180;

    private final MongoDatabase database;
    private final ViewFreshness freshness;
    private final ReportContext report;
    private final int defaultNoPurchaseDays;

    public RiskController(MongoDatabase database, ViewFreshness freshness, ReportContext report,
                          RiskProperties properties) {
        this.database = database;
        this.freshness = freshness;
        this.report = report;
        this.defaultNoPurchaseDays = properties.noPurchaseDays();
    }

    @GetMapping("/churn")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> churn(@RequestParam(required = false) Integer noPurchaseDays,
                                                                        @RequestParam(required = false) String region,
                                                                        @RequestParam(required = false) String manager,
                                                                        @RequestParam(required = false) String cursor,
                                                                        @RequestParam(required = false) Integer limit,
                                                                        @RequestParam(required = false) Long minPosition) {
        int days = QueryParameters.positive("noPurchaseDays", noPurchaseDays, defaultNoPurchaseDays, 3650);
        int size = CursorPaging.limit(limit);
        return freshness.answer(minPosition, ProjectionGroups.RISK, fresh -> {
            LocalDate today = report.today();
            LocalDate recentStart = today.minusDays(RECENT_WINDOW_DAYS);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Document customer : customers(region, manager, Filters.in("lifecycle", List.of("ACTIVE", "REACTIVATED", "DORMANT")))) {
                List<String> dates = customer.getList("orderDates", String.class, List.of()).stream()
                        .filter(d -> d != null && d.compareTo(today.toString()) <= 0).toList();
                if (dates.isEmpty()) {
                    continue;
                }
                LocalDate first = LocalDate.parse(dates.get(0));
                LocalDate last = LocalDate.parse(dates.get(dates.size() - 1));
                long sinceLast = ChronoUnit.DAYS.between(last, today);
                long recent = dates.stream().filter(d -> d.compareTo(recentStart.toString()) > 0).count();
                long earlier = dates.size() - recent;
                long earlierSpan = ChronoUnit.DAYS.between(first, recentStart);
                BigDecimal earlierRate = earlierSpan >= RECENT_WINDOW_DAYS && earlier >= 2
                        ? BigDecimal.valueOf(earlier * RECENT_WINDOW_DAYS).divide(BigDecimal.valueOf(earlierSpan), 2, RoundingMode.HALF_UP)
                        : null;
                List<String> reasons = new ArrayList<>();
                if (sinceLast >= days) {
                    reasons.add("NO_PURCHASE");
                }
                if (earlierRate != null && BigDecimal.valueOf(recent * 2).compareTo(earlierRate) < 0) {
                    reasons.add("FALLING_FREQUENCY");
                }
                if (reasons.isEmpty()) {
                    continue;
                }
                Map<String, Object> row = base(customer);
                row.put("lifecycle", customer.getString("lifecycle"));
                row.put("lastOrderOn", last.toString());
                row.put("daysSinceLastOrder", sinceLast);
                row.put("ordersLast180Days", recent);
                row.put("earlierOrdersPer180Days", earlierRate);
                row.put("reasons", reasons);
                rows.add(row);
            }
            Map<String, Object> body = page(rows, row -> row.get("daysSinceLastOrder"), true, cursor, size, fresh);
            body.put("noPurchaseDays", days);
            return ViewResponses.ok(body, fresh);
        });
    }

    @GetMapping("/credit-exposure")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> creditExposure(@RequestParam(required = false) Boolean overLimitOnly,
                                                                                 @RequestParam(required = false) String region,
                                                                                 @RequestParam(required = false) String manager,
                                                                                 @RequestParam(required = false) String cursor,
                                                                                 @RequestParam(required = false) Integer limit,
                                                                                 @RequestParam(required = false) Long minPosition) {
        int size = CursorPaging.limit(limit);
        return freshness.answer(minPosition, ProjectionGroups.RISK, fresh -> {
            String currency = report.currency();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Document customer : customers(region, manager, null)) {
                BigDecimal openDeals = sum(customer.get("openDeals", Document.class).values(), currency);
                BigDecimal reserved = sum(customer.get("reservations", Document.class).values(), currency);
                BigDecimal unpaid = BigDecimal.ZERO;
                for (Document invoice : customer.getList("invoices", Document.class, List.of())) {
                    if (currency.equals(Docs.currency(invoice.get("outstanding")))) {
                        unpaid = unpaid.add(Docs.amount(invoice.get("outstanding")));
                    }
                }
                BigDecimal exposure = openDeals.add(reserved).add(unpaid);
                Object limitMoney = customer.get("creditLimit");
                BigDecimal creditLimit = limitMoney == null || !currency.equals(Docs.currency(limitMoney)) ? null : Docs.amount(limitMoney);
                if (exposure.signum() == 0 && creditLimit == null) {
                    continue;
                }
                boolean overLimit = creditLimit != null && exposure.compareTo(creditLimit) > 0;
                if (Boolean.TRUE.equals(overLimitOnly) && !overLimit) {
                    continue;
                }
                Map<String, Object> row = base(customer);
                row.put("rating", customer.getString("rating"));
                row.put("hold", customer.getBoolean("hold", false));
                row.put("creditLimit", creditLimit);
                row.put("openDeals", openDeals);
                row.put("reserved", reserved);
                row.put("unpaidInvoices", unpaid);
                row.put("exposure", exposure);
                row.put("available", creditLimit == null ? null : creditLimit.subtract(exposure));
                row.put("utilisation", creditLimit == null || creditLimit.signum() == 0 ? null : exposure.divide(creditLimit, 4, RoundingMode.HALF_UP));
                row.put("overLimit", overLimit);
                rows.add(row);
            }
            Map<String, Object> body = page(rows, row -> row.get("utilisation"), true, cursor, size, fresh);
            body.put("currency", currency);
            return ViewResponses.ok(body, fresh);
        });
    }

    @GetMapping("/overdue-invoices")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> overdueInvoices(@RequestParam(required = false) String region,
                                                                                  @RequestParam(required = false) String manager,
                                                                                  @RequestParam(required = false) String cursor,
                                                                                  @RequestParam(required = false) Integer limit,
                                                                                  @RequestParam(required = false) Long minPosition) {
        int size = CursorPaging.limit(limit);
        return freshness.answer(minPosition, ProjectionGroups.RISK, fresh -> {
            LocalDate today = report.today();
            List<Map<String, Object>> rows = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            for (Document customer : customers(region, manager, null)) {
                for (Document invoice : customer.getList("invoices", Document.class, List.of())) {
                    BigDecimal outstanding = Docs.amount(invoice.get("outstanding"));
                    LocalDate due = overdueFrom(invoice);
                    if (outstanding.signum() <= 0 || due == null || !due.isBefore(today)) {
                        continue;
                    }
                    Map<String, Object> row = base(customer);
                    row.put("customerId", customer.getString("_id"));
                    row.put("_id", invoice.getString("invoiceNumber"));
                    row.put("invoiceNumber", invoice.getString("invoiceNumber"));
                    row.put("amount", Docs.amount(invoice.get("amount")));
                    row.put("outstanding", outstanding);
                    row.put("currency", Docs.currency(invoice.get("outstanding")));
                    row.put("invoicedOn", invoice.getString("invoicedOn"));
                    row.put("dueOn", invoice.getString("dueOn"));
                    row.put("reportedOverdueSince", invoice.getString("overdueSince"));
                    row.put("daysOverdue", ChronoUnit.DAYS.between(due, today));
                    rows.add(row);
                    if (report.currency().equals(row.get("currency"))) {
                        total = total.add(outstanding);
                    }
                }
            }
            Map<String, Object> body = page(rows, row -> row.get("daysOverdue"), true, cursor, size, fresh);
            body.put("currency", report.currency());
            body.put("totalOutstanding", total);
            return ViewResponses.ok(body, fresh);
        });
    }

    private Iterable<Document> customers(String region, String manager, Bson extra) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("merged", false));
        ViewRows.equalIfGiven(filters, "region", region);
        ViewRows.equalIfGiven(filters, "accountManager", manager);
        if (extra != null) {
            filters.add(extra);
        }
        return database.getCollection(RiskProjection.COLLECTION).find(Filters.and(filters));
    }

    private static Map<String, Object> base(Document customer) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("_id", customer.getString("_id"));
        row.put("customerId", customer.getString("_id"));
        row.putAll(ViewRows.fieldsOf(customer, "name", "region", "accountManager"));
        return row;
    }

    private static BigDecimal sum(java.util.Collection<Object> monies, String currency) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Object money : monies) {
            if (currency.equals(Docs.currency(money))) {
                sum = sum.add(Docs.amount(money));
            }
        }
        return sum;
    }

    private static Map<String, Object> page(List<Map<String, Object>> rows, Function<Map<String, Object>, Object> key, boolean descending,
                                            String cursor, int size, Freshness fresh) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", rows.size());
        CursorPaging.page(rows, key, descending, cursor, size).into(body, row -> ViewRows.published(row, null));
        return ViewResponses.withFreshness(body, fresh);
    }

    /**
     * The date an invoice is overdue from: its due date, or, for an invoice recorded without one, the
     * date the ERP reported it overdue; null (not overdue) when it has neither.
     */
    static LocalDate overdueFrom(Document invoice) {
        LocalDate due = Docs.localDate(invoice.get("dueOn"));
        return due != null ? due : Docs.localDate(invoice.get("overdueSince"));
    }
}
