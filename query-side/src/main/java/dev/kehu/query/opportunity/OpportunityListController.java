package dev.kehu.query.opportunity;

import com.mongodb.client.MongoDatabase;
import dev.kehu.events.opportunity.Stage;
import dev.kehu.query.figures.WeightedAmount;
import dev.kehu.query.pipeline.OpportunityListKeys;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.web.InvalidQueryParameter;
import dev.kehu.query.web.KeyPaging;
import dev.kehu.query.web.Page;
import dev.kehu.query.web.QueryParameters;
import dev.kehu.query.web.ViewFreshness;
import dev.kehu.query.web.ViewResponses;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/opportunities?owner&stage&status&region&customer&closeMonth&sort&cursor&limit&minPosition}: the deals,
 * filtered by owner, stage, status (OPEN, WON, LOST), the customer's current region, customer and expected close
 * month ({@code yyyy-MM}), sorted by {@code amount}, {@code expectedClose} or {@code lastChange} ({@code -} prefix =
 * descending; default {@code -lastChange}) and paged by key ({@link KeyPaging} over the key documents of
 * {@link OpportunityListKeys}, written by the pipeline projection, group {@code pipeline}).
 */
@RestController
@RequestMapping("/api/opportunities")
public class OpportunityListController {

    static final List<String> SORTS = List.of("amount", "-amount", "expectedClose", "-expectedClose", "lastChange", "-lastChange");
    static final List<String> STATUSES = List.of("OPEN", "WON", "LOST");

    private final MongoDatabase database;
    private final ViewFreshness freshness;

    public OpportunityListController(MongoDatabase database, ViewFreshness freshness) {
        this.database = database;
        this.freshness = freshness;
    }

    @GetMapping
    public CompletableFuture<ResponseEntity<Page<Item>>> opportunities(
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) String stage,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String customer,
            @RequestParam(required = false) String closeMonth,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long minPosition) {
        KeyPaging.Request request = KeyPaging.Request.of(sort, SORTS, "-lastChange", cursor, limit)
                .where("ownerId", QueryParameters.text("owner", owner))
                .where("stage", QueryParameters.enumValue("stage", stage, Stage.class))
                .where("status", QueryParameters.oneOf("status", status == null ? null : status.toUpperCase(java.util.Locale.ROOT),
                        STATUSES, null))
                .where("region", QueryParameters.text("region", region))
                .where("customerId", QueryParameters.text("customer", customer));
        YearMonth month = month(closeMonth);
        if (month != null) {
            request.where("expectedCloseDate", new Document("$gte", month.atDay(1).toString()).append("$lte", month.atEndOfMonth().toString()));
        }
        return freshness.answer(minPosition, ProjectionGroups.PIPELINE, fresh -> ViewResponses.ok(request.page(
                database.getCollection(OpportunityListKeys.COLLECTION), OpportunityListController::item).page(r -> r, fresh), fresh));
    }

    static YearMonth month(String closeMonth) {
        if (closeMonth == null) {
            return null;
        }
        try {
            YearMonth month = YearMonth.parse(closeMonth);
            QueryParameters.inRange("closeMonth", month.atDay(1));
            return month;
        } catch (DateTimeException e) {
            throw new InvalidQueryParameter("closeMonth", "must be a month as yyyy-MM, got '" + closeMonth + "'");
        }
    }

    /** One deal of the list, typed: the answer's shape is this record's (Jackson), not a map's keys. */
    public record Item(String opportunityId, String customerId, String title, String ownerId, String region, String stage,
                       String status, String priority, Integer probability, String expectedCloseDate, Money amount,
                       Money weightedAmount, Instant changedAt) {
    }

    /** An amount and its currency. */
    public record Money(BigDecimal amount, String currency) {
    }

    static Item item(Document o) {
        String currency = o.getString("currency");
        BigDecimal amount = o.get("amount") == null ? null : Docs.amount(o.get("amount"));
        BigDecimal weighted = amount == null ? null : WeightedAmount.weighted(amount, o.getInteger("probability", 0));
        return new Item(o.getString("id"), o.getString("customerId"), o.getString("title"), o.getString("ownerId"),
                o.getString("region"), o.getString("stage"), o.getString("status"), o.getString("priority"),
                o.getInteger("probability"), o.getString("expectedCloseDate"), amount == null ? null : new Money(amount, currency),
                weighted == null ? null : new Money(weighted, currency), o.getDate("changedAt") == null ? null : o.getDate("changedAt").toInstant());
    }
}
