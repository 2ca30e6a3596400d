package dev.kehu.query.customer360;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.web.ViewFreshness;
import dev.kehu.query.web.ViewJson;
import dev.kehu.query.web.ViewNotFound;
import dev.kehu.query.web.ViewResponses;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code GET /api/customers/{customerId}/360}: the whole customer on one screen. */
@RestController
@RequestMapping("/api/customers")
public class Customer360Controller {

    private final MongoDatabase database;
    private final ViewFreshness freshness;

    public Customer360Controller(MongoDatabase database, ViewFreshness freshness) {
        this.database = database;
        this.freshness = freshness;
    }

    @GetMapping("/{customerId}/360")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> customer360(@PathVariable String customerId,
                                                                              @RequestParam(required = false) Long minPosition) {
        return freshness.answer(minPosition, ProjectionGroups.CUSTOMER_360, fresh -> {
            Document view = database.getCollection(Customer360Projection.COLLECTION)
                    .find(Filters.eq("_id", customerId)).first();
            if (view == null) {
                throw new ViewNotFound("customer", customerId);
            }
            Map<String, Object> body = ViewJson.toJson(view);
            body.put("customerId", body.remove("_id"));
            return ViewResponses.ok(body, fresh);
        });
    }
}
