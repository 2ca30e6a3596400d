package dev.kehu.query.opportunity;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.kehu.query.customer360.Customer360Projection;
import dev.kehu.query.fold.AsOf;
import dev.kehu.query.projection.ProjectionGroups;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/opportunities/{opportunityId}}: one opportunity in detail (customer, owner, stage, amount,
 * probability, weighted amount, dates, stage history with the time in each stage, every amount and close-date
 * change, bid, outcome); with
 * {@code asOf} or {@code asOfPosition} as it was then, folded by the same code from its events.
 */
@RestController
@RequestMapping("/api/opportunities")
public class OpportunityDetailController {

    private final MongoDatabase database;
    private final ViewFreshness freshness;
    private final OpportunityAsOf asOfViews;
    private final Clock clock;

    public OpportunityDetailController(MongoDatabase database, ViewFreshness freshness, OpportunityAsOf asOfViews, Clock clock) {
        this.database = database;
        this.freshness = freshness;
        this.asOfViews = asOfViews;
        this.clock = clock;
    }

    @GetMapping("/{opportunityId}")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> opportunity(@PathVariable String opportunityId,
                                                                              @RequestParam(required = false) Long minPosition,
                                                                              @RequestParam(required = false) String asOf,
                                                                              @RequestParam(required = false) String asOfPosition) {
        AsOf moment = AsOf.parse(asOf, asOfPosition);
        if (moment != null) {
            // the view is the opportunity's own events: no projection to wait for
            AsOf.Bound bound = moment.bound(asOfViews.events().headPosition(), clock.instant());
            return freshness.answer(null, ProjectionGroups.CUSTOMER_360, fresh -> ViewResponses.asOf(
                    body(OpportunityDocuments.encode(asOfViews.view(opportunityId, bound))), fresh, bound.maxPosition()));
        }
        return freshness.answer(minPosition, ProjectionGroups.CUSTOMER_360, fresh -> ViewResponses.ok(body(
                ViewResponses.found(database.getCollection(OpportunityDetailProjection.COLLECTION), "opportunity", opportunityId)),
                fresh));
    }

    /** The stored view with its customer, weighted amount and time in each stage (read by {@code _id}, one lookup). */
    private Map<String, Object> body(Document view) {
        Document customer = view.getString("customerId") == null ? null : database.getCollection(Customer360Projection.COLLECTION)
                .find(Filters.eq("_id", view.getString("customerId"))).projection(Projections.include("name", "region")).first();
        return ViewJson.toJson(OpportunityDetailFigures.answered(view, customer, clock.instant()), "opportunityId");
    }
}
