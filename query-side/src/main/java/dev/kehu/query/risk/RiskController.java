package dev.kehu.query.risk;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.query.figures.CreditExposure;
import dev.kehu.query.figures.Overdue;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
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
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;

/**
 * Risk reports:
 * {@code GET /api/risk/churn?noPurchaseDays&region&manager&cursor&limit&minPosition} — customers
 * with no order for N days (default {@code kehu.risk.no-purchase-days} = 90) or whose order
 * frequency over the last 180 days fell below half their own earlier rate;
 * {@code GET /api/risk/credit-exposure?overLimitOnly&region&manager&cursor&limit&minPosition} —
 * reserved won deals + unpaid invoices against the credit limit, as the win rule counts them
 * ({@link CreditExposure}; open deals shown beside), highest utilisation first; {@code GET /api/risk/overdue-invoices?region&manager&cursor&limit&minPosition} — unpaid
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
        return list(minPosition, cursor, limit, "daysSinceLastOrder", today -> {
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
            return rows;
        }, (rows, body) -> body.put("noPurchaseDays", days));
    }

    @GetMapping("/credit-exposure")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> creditExposure(@RequestParam(required = false) Boolean overLimitOnly,
                                                                                 @RequestParam(required = false) String region,
                                                                                 @RequestParam(required = false) String manager,
                                                                                 @RequestParam(required = false) String cursor,
                                                                                 @RequestParam(required = false) Integer limit,
                                                                                 @RequestParam(required = false) Long minPosition) {
        return list(minPosition, cursor, limit, "utilisation", today -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Document customer : customers(region, manager, null)) {
                CreditExposure credit = exposure(customer, today);
                if (!credit.hasCredit() || Boolean.TRUE.equals(overLimitOnly) && !credit.overLimit()) {
                    continue;
                }
                Map<String, Object> row = base(customer);
                row.put("rating", customer.getString("rating"));
                row.put("hold", customer.getBoolean("hold", false));
                row.putAll(credit.figures());
                rows.add(row);
            }
            return rows;
        }, (rows, body) -> { });
    }

    @GetMapping("/overdue-invoices")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> overdueInvoices(@RequestParam(required = false) String region,
                                                                                  @RequestParam(required = false) String manager,
                                                                                  @RequestParam(required = false) String cursor,
                                                                                  @RequestParam(required = false) Integer limit,
                                                                                  @RequestParam(required = false) Long minPosition) {
        return list(minPosition, cursor, limit, "daysOverdue", today -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Document customer : customers(region, manager, null)) {
                for (Document invoice : customer.getList("invoices", Document.class, List.of())) {
                    BigDecimal outstanding = Docs.amount(invoice.get("outstanding"));
                    LocalDate dueOn = Docs.localDate(invoice.get("dueOn"));
                    LocalDate reported = Docs.localDate(invoice.get("overdueSince"));
                    if (!Overdue.isOverdue(outstanding, dueOn, reported, today)) {
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
                    row.put("daysOverdue", Overdue.days(dueOn, reported, today));
                    rows.add(row);
                }
            }
            return rows;
        }, (rows, body) -> {
            body.put("currency", report.currency());
            body.put("totalOutstanding", rows.stream().filter(row -> report.currency().equals(row.get("currency")))
                    .map(row -> (BigDecimal) row.get("outstanding")).reduce(BigDecimal.ZERO, BigDecimal::add));
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

    /**
     * One risk list, once the risk view has reached {@code minPosition}: the rows {@code rows} finds for the report's
     * today, highest {@code sortKey} first, a page of them, then the list's own fields ({@code fields}, given the rows).
     */
    private CompletableFuture<ResponseEntity<Map<String, Object>>> list(Long minPosition, String cursor, Integer limit,
                                                                        String sortKey,
                                                                        Function<LocalDate, List<Map<String, Object>>> rows,
                                                                        BiConsumer<List<Map<String, Object>>, Map<String, Object>> fields) {
        int size = CursorPaging.limit(limit);
        return freshness.answer(minPosition, ProjectionGroups.RISK, fresh -> {
            List<Map<String, Object>> found = rows.apply(report.today());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", found.size());
            CursorPaging.page(found, row -> row.get(sortKey), true, cursor, size).into(body, row -> ViewRows.published(row, null));
            ViewResponses.withFreshness(body, fresh);
            fields.accept(found, body);
            return ViewResponses.ok(body, fresh);
        });
    }

    /** The customer's credit figures (docs/read-side.md, "Figures, one definition each"). */
    static CreditExposure exposure(Document customer, LocalDate today) {
        Object limit = customer.get("creditLimit");
        CreditExposure credit = new CreditExposure(limit == null ? null : Docs.amount(limit), Docs.currency(limit))
                .hold(customer.getBoolean("hold", false));
        customer.get("reservations", Document.class).values().forEach(r -> credit.reservation(Docs.amount(r), Docs.currency(r)));
        customer.get("openDeals", Document.class).values().forEach(d -> credit.openDeal(d == null ? null : Docs.amount(d), Docs.currency(d)));
        for (Document invoice : customer.getList("invoices", Document.class, List.of())) {
            Object outstanding = invoice.get("outstanding");
            credit.invoice(Docs.amount(outstanding), Docs.currency(outstanding), Docs.localDate(invoice.get("dueOn")),
                    Docs.localDate(invoice.get("overdueSince")), today);
        }
        return credit;
    }
}
