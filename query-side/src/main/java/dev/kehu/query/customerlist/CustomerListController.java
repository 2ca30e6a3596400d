package dev.kehu.query.customerlist;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.order.ValueTier;
import dev.kehu.query.figures.SpendWindow;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.web.CursorPaging;
import dev.kehu.query.web.Page;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/customers}: the customer list with filters {@code region, segment, tier, manager,
 * lifecycle, tag}, {@code sort} = {@code name | lastInteraction | spend12m} (prefix {@code -} for
 * descending), cursor paging ({@code cursor, limit}) and {@code minPosition}. Merged duplicates are
 * left out.
 */
@RestController
@RequestMapping("/api/customers")
public class CustomerListController {

    static final List<String> SORTS = List.of("name", "-name", "lastInteraction", "-lastInteraction", "spend12m", "-spend12m");

    private final MongoDatabase database;
    private final ViewFreshness freshness;
    private final ReportContext report;

    public CustomerListController(MongoDatabase database, ViewFreshness freshness, ReportContext report) {
        this.database = database;
        this.freshness = freshness;
        this.report = report;
    }

    @GetMapping
    public CompletableFuture<ResponseEntity<Page<Map<String, Object>>>> customers(@RequestParam(required = false) String region,
                                                                                  @RequestParam(required = false) String segment,
                                                                                  @RequestParam(required = false) String tier,
                                                                                  @RequestParam(required = false) String manager,
                                                                                  @RequestParam(required = false) String lifecycle,
                                                                                  @RequestParam(required = false) String tag,
                                                                                  @RequestParam(required = false) String sort,
                                                                                  @RequestParam(required = false) String cursor,
                                                                                  @RequestParam(required = false) Integer limit,
                                                                                  @RequestParam(required = false) Long minPosition) {
        String order = QueryParameters.oneOf("sort", sort, SORTS, "name");
        int size = CursorPaging.limit(limit);
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("merged", false));
        ViewRows.equalIfGiven(filters, "region", region);
        ViewRows.equalIfGiven(filters, "segment", segment);
        ViewRows.equalIfGiven(filters, "tier", QueryParameters.enumValue("tier", tier, ValueTier.class));
        ViewRows.equalIfGiven(filters, "accountManager", manager);
        ViewRows.equalIfGiven(filters, "lifecycle", QueryParameters.enumValue("lifecycle", lifecycle, LifecycleStage.class));
        ViewRows.equalIfGiven(filters, "tags", tag);
        return freshness.answer(minPosition, ProjectionGroups.CUSTOMER_LIST, fresh -> {

            LocalDate today = report.today();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Document doc : database.getCollection(CustomerListProjection.COLLECTION).find(Filters.and(filters))) {
                rows.add(row(doc, today));
            }
            String key = order.startsWith("-") ? order.substring(1) : order;
            boolean descending = order.startsWith("-");
            CursorPaging.Slice<Map<String, Object>> slice = CursorPaging.page(rows, row -> switch (key) {
                case "lastInteraction" -> row.get("lastInteractionOn");
                case "spend12m" -> ((Map<?, ?>) row.get("twelveMonthSpend")).get("amount");
                default -> row.get("name");
            }, descending, cursor, size);
            return ViewResponses.ok(slice.page(row -> ViewRows.published(row, "customerId"), fresh), fresh);
        });
    }

    private Map<String, Object> row(Document doc, LocalDate today) {
        Map<String, Object> row = ViewRows.fieldsOf(doc, "_id", "name", "chineseName", "latinName", "kind", "region", "segment",
                "industry", "tier", "accountManager", "lifecycle", "tags", "lastInteractionOn");
        row.put("twelveMonthSpend", Map.of("amount", twelveMonthSpend(doc, today, report.currency()), "currency", report.currency()));
        return row;
    }

    /** Twelve-month spend in the reporting currency on {@code today} ({@link SpendWindow}). */
    static BigDecimal twelveMonthSpend(Document doc, LocalDate today, String currency) {
        Object byCurrency = doc.get("spendByDay") instanceof Document days ? days.get(currency) : null;
        return SpendWindow.sum(byCurrency, today);
    }
}
