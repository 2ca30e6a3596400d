package dev.kehu.query.customerlist;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.order.ValueTier;
import dev.kehu.query.figures.SpendWindow;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.projection.ProjectionPositions.Freshness;
import dev.kehu.query.web.CursorPaging;
import dev.kehu.query.web.KeyPaging;
import dev.kehu.query.web.Page;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/customers}: the customer list with filters {@code region, segment, tier, manager,
 * lifecycle, tag}, {@code sort} = {@code name | lastInteraction | spend12m} (prefix {@code -} for
 * descending), cursor paging ({@code cursor, limit}) and {@code minPosition}. Merged duplicates are
 * left out. By name and last interaction a page is read by key ({@link CustomerListKeys}); by twelve-month spend,
 * which moves with "today", the rows are still sorted when read.
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
        // one equality per field given (tags: the list contains it), as the key documents and the view both hold them
        KeyPaging.Request request = KeyPaging.Request.of(sort, SORTS, "name", cursor, limit)
                .where("region", region)
                .where("segment", segment)
                .where("tier", QueryParameters.enumValue("tier", tier, ValueTier.class))
                .where("accountManager", manager)
                .where("lifecycle", QueryParameters.enumValue("lifecycle", lifecycle, LifecycleStage.class))
                .where("tags", tag);
        if (CustomerListKeys.ORDERS.containsKey(request.order())) {
            return freshness.answer(minPosition, ProjectionGroups.CUSTOMER_LIST, fresh -> ViewResponses.ok(byKey(request, fresh), fresh));
        }
        Document notMerged = new Document("merged", false);
        notMerged.putAll(request.filter());
        return freshness.answer(minPosition, ProjectionGroups.CUSTOMER_LIST, fresh -> {

            LocalDate today = report.today();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Document doc : database.getCollection(CustomerListProjection.COLLECTION).find(notMerged)) {
                rows.add(row(doc, today));
            }
            // the twelve-month spend moves with "today", not with events: no keys, sorted when read
            CursorPaging.Slice<Map<String, Object>> slice = CursorPaging.page(rows,
                    row -> ((Map<?, ?>) row.get("twelveMonthSpend")).get("amount"), request.order().startsWith("-"), request.cursor(), request.limit());
            return ViewResponses.ok(slice.page(row -> ViewRows.published(row, "customerId"), fresh), fresh);
        });
    }

    /** A page by name or last interaction: an _id range of the key documents, then the page's customers by _id. */
    private Page<Map<String, Object>> byKey(KeyPaging.Request request, Freshness fresh) {
        CursorPaging.Slice<String> keys = request.page(database.getCollection(CustomerListKeys.COLLECTION), key -> key.getString("id"));
        Map<Object, Document> customers = new java.util.HashMap<>();
        if (!keys.items().isEmpty()) {
            for (Document doc : database.getCollection(CustomerListProjection.COLLECTION).find(Filters.in("_id", keys.items()))) {
                customers.put(doc.get("_id"), doc);
            }
        }
        LocalDate today = report.today();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : keys.items()) {
            Document doc = customers.get(id);
            if (doc != null) {
                rows.add(ViewRows.published(row(doc, today), "customerId"));
            }
        }
        return new Page<>(rows, keys.nextCursor(), fresh.position(), fresh.stale());
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
