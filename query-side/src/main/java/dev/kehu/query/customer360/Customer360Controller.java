package dev.kehu.query.customer360;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.fold.AsOf;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.web.ViewFreshness;
import dev.kehu.query.web.ViewJson;
import dev.kehu.query.web.ViewResponses;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/customers/{customerId}/360}: the whole customer on one screen; with {@code asOf} (an instant) or
 * {@code asOfPosition} (a position of the log) the same view as it was then, folded from the events by the same code.
 */
@RestController
@RequestMapping("/api/customers")
public class Customer360Controller {

    private final MongoDatabase database;
    private final ViewFreshness freshness;
    private final Customer360AsOf asOfViews;
    private final Clock clock;
    private final ReportContext report;

    public Customer360Controller(MongoDatabase database, ViewFreshness freshness, Customer360AsOf asOfViews, Clock clock,
                                 ReportContext report) {
        this.database = database;
        this.freshness = freshness;
        this.asOfViews = asOfViews;
        this.clock = clock;
        this.report = report;
    }

    @GetMapping("/{customerId}/360")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> customer360(@PathVariable String customerId,
                                                                              @RequestParam(required = false) Long minPosition,
                                                                              @RequestParam(required = false) String asOf,
                                                                              @RequestParam(required = false) String asOfPosition) {
        AsOf moment = AsOf.parse(asOf, asOfPosition);
        if (moment != null) {
            return asOf(customerId, moment);
        }
        return freshness.answer(minPosition, ProjectionGroups.CUSTOMER_360, fresh -> ViewResponses.ok(body(
                ViewResponses.found(database.getCollection(Customer360Projection.COLLECTION), "customer", customerId),
                report.today(), report.currency()), fresh));
    }

    /** Waits (like minPosition) until the live projection's links reach the moment, then folds. */
    private CompletableFuture<ResponseEntity<Map<String, Object>>> asOf(String customerId, AsOf moment) {
        AsOf.Bound bound = moment.bound(asOfViews.events().headPosition(), clock.instant());
        return freshness.answer(bound.maxPosition(), ProjectionGroups.CUSTOMER_360, fresh -> {
            AsOf.Bound reached = fresh.stale() ? bound.atMost(fresh.position()) : bound;
            Customer360View view = asOfViews.view(customerId, reached);
            return ViewResponses.asOf(body(Customer360Documents.encode(view), report.today(), report.currency()), fresh,
                    reached.maxPosition());
        });
    }

    /**
     * The answer: the stored view with the figures of {@code today} (for an as-of too: the view's state then, its
     * twelve-month spend and overdue invoices counted as of the day asked).
     */
    static Map<String, Object> body(Document view, LocalDate today, String reportingCurrency) {
        return ViewJson.toJson(Customer360Figures.answered(view, today, reportingCurrency), "customerId");
    }
}
