package dev.kehu.query.worklist;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.web.CursorPaging;
import dev.kehu.query.web.InvalidQueryParameter;
import dev.kehu.query.web.KeyPaging;
import dev.kehu.query.web.SortKeys;
import dev.kehu.query.web.Page;
import dev.kehu.query.web.QueryParameters;
import dev.kehu.query.web.ViewFreshness;
import dev.kehu.query.web.ViewResponses;
import dev.kehu.query.web.ViewRows;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/**
 * The account manager's worklist:
 * {@code GET /api/worklists/{manager}} (counts and the first page of every section) and
 * {@code GET /api/worklists/{manager}/{section}} (one section, cursor-paged), sections
 * {@code follow-ups-due-today}, {@code overdue-follow-ups}, {@code upcoming-follow-ups} (open, due after today and
 * at most {@code upcomingDays} ahead, default 7), {@code not-contacted}
 * ({@code notContactedDays}, default {@code kehu.worklist.not-contacted-days} = 30) and
 * {@code overdue-opportunities} (own open opportunities past their expected close date). Each section is one range of
 * the keys the projection keeps ({@link WorklistKeys}), computed from today when read; its rows are then read by
 * {@code _id}. The counts count the keys of each range (read by the range).
 */
@RestController
@RequestMapping("/api/worklists")
public class WorklistController {

    static final List<String> SECTIONS = List.of("follow-ups-due-today", "overdue-follow-ups", "upcoming-follow-ups", "not-contacted",
            "overdue-opportunities");
    /** Default horizon of "upcoming follow-ups": open follow-ups due after today and at most this many days ahead. */
    static final int UPCOMING_DAYS = 7;

    private final MongoDatabase database;
    private final ViewFreshness freshness;
    private final ReportContext report;
    private final int defaultNotContactedDays;

    public WorklistController(MongoDatabase database, ViewFreshness freshness, ReportContext report,
                              WorklistProperties properties) {
        this.database = database;
        this.freshness = freshness;
        this.report = report;
        this.defaultNotContactedDays = properties.notContactedDays();
    }

    @GetMapping("/{manager}")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> worklist(@PathVariable String manager,
                                                                           @RequestParam(required = false) Integer notContactedDays,
                                                                           @RequestParam(required = false) Integer upcomingDays,
                                                                           @RequestParam(required = false) Integer limit,
                                                                           @RequestParam(required = false) Long minPosition) {
        int days = QueryParameters.positive("notContactedDays", notContactedDays, defaultNotContactedDays, 3650);
        int ahead = QueryParameters.positive("upcomingDays", upcomingDays, UPCOMING_DAYS, 365);
        int size = CursorPaging.limit(limit);
        return freshness.answer(minPosition, ProjectionGroups.WORKLIST, fresh -> {
            LocalDate today = report.today();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("manager", manager);
            body.put("today", today.toString());
            body.put("notContactedDays", days);
            body.put("upcomingDays", ahead);
            Map<String, Object> counts = new LinkedHashMap<>();
            body.put("counts", counts);
            MongoCollection<Document> keys = database.getCollection(WorklistKeys.COLLECTION);
            for (String section : SECTIONS) {
                Range range = range(section, manager, today, days, ahead);
                counts.put(section, count(keys, range));
                body.put(section, page(section, range, today, null, size).page(WorklistController::publicRow, fresh));
            }
            return ViewResponses.okWithFreshnessInBody(body, fresh);
        });
    }

    @GetMapping("/{manager}/{section}")
    public CompletableFuture<ResponseEntity<Page<Map<String, Object>>>> section(@PathVariable String manager, @PathVariable String section,
                                                                                @RequestParam(required = false) Integer notContactedDays,
                                                                                @RequestParam(required = false) Integer upcomingDays,
                                                                                @RequestParam(required = false) String cursor,
                                                                                @RequestParam(required = false) Integer limit,
                                                                                @RequestParam(required = false) Long minPosition) {
        if (!SECTIONS.contains(section)) {
            throw new InvalidQueryParameter("section", "must be one of " + SECTIONS + ", got '" + section + "'");
        }
        int days = QueryParameters.positive("notContactedDays", notContactedDays, defaultNotContactedDays, 3650);
        int ahead = QueryParameters.positive("upcomingDays", upcomingDays, UPCOMING_DAYS, 365);
        int size = CursorPaging.limit(limit);
        return freshness.answer(minPosition, ProjectionGroups.WORKLIST, fresh -> {
            LocalDate today = report.today();
            return ViewResponses.ok(page(section, range(section, manager, today, days, ahead), today, cursor, size)
                    .page(WorklistController::publicRow, fresh), fresh);
        });
    }

    /** A section's keys ({@link WorklistKeys}) as of today: an {@code _id} range and, for "not contacted", a filter. */
    record Range(String from, String to, Document filter) {

        Document query() {
            Document query = new Document("_id", new Document("$gte", from).append("$lt", to));
            query.putAll(filter);
            return query;
        }
    }

    private static Range range(String section, String manager, LocalDate today, int notContactedDays, int upcomingDays) {
        String due = WorklistKeys.prefix(WorklistKeys.DUE, manager);
        return switch (section) {
            case "follow-ups-due-today" -> new Range(WorklistKeys.from(due, today), WorklistKeys.after(due, today), new Document());
            case "overdue-follow-ups" -> new Range(SortKeys.start(due), WorklistKeys.from(due, today), new Document());
            case "upcoming-follow-ups" -> new Range(WorklistKeys.from(due, today.plusDays(1)),
                    WorklistKeys.after(due, today.plusDays(upcomingDays)), new Document());
            case "not-contacted" -> {
                // never contacted (the empty value, first) or last contacted before the cutoff; registered before it
                LocalDate cutoff = today.minusDays(notContactedDays);
                String quiet = WorklistKeys.prefix(WorklistKeys.QUIET, manager);
                yield new Range(SortKeys.start(quiet), WorklistKeys.from(quiet, cutoff),
                        new Document("reference", new Document("$lt", cutoff.toString())));
            }
            default -> {
                String late = WorklistKeys.prefix(WorklistKeys.LATE, manager);
                yield new Range(SortKeys.start(late), WorklistKeys.from(late, today), new Document());
            }
        };
    }

    /**
     * The keys in a range: read by the range (ids only) and counted here, since {@code countDocuments} runs an aggregation,
     * which the embedded server answers by scanning the whole collection.
     */
    private static long count(MongoCollection<Document> keys, Range range) {
        long count = 0;
        for (Document ignored : keys.find(range.query()).projection(new Document("_id", 1))) {
            count++;
        }
        return count;
    }

    /** One page of a section: its keys read by range, then its rows by {@code _id}, in key order. */
    private CursorPaging.Slice<Map<String, Object>> page(String section, Range range, LocalDate today, String cursor, int size) {
        CursorPaging.Slice<String> keys = KeyPaging.page(database.getCollection(WorklistKeys.COLLECTION), range.from(), range.to(),
                range.filter(), cursor, size, key -> key.getString("id"));
        List<Map<String, Object>> rows = new ArrayList<>();
        switch (section) {
            case "not-contacted" -> byId(WorklistProjection.CUSTOMERS, keys.items()).forEach(customer -> rows.add(notContacted(customer, today)));
            case "overdue-opportunities" -> byId(WorklistProjection.OPPORTUNITIES, keys.items())
                    .forEach(opportunity -> rows.add(overdueOpportunity(opportunity, today)));
            default -> {
                List<Document> followUps = byId(WorklistProjection.FOLLOW_UPS, keys.items());
                Map<String, Document> customers = new HashMap<>();
                byId(WorklistProjection.CUSTOMERS, followUps.stream().map(f -> f.getString("customerId")).distinct().toList())
                        .forEach(customer -> customers.put(customer.getString("_id"), customer));
                followUps.forEach(followUp -> rows.add(followUp(followUp, customers.get(followUp.getString("customerId")), today)));
            }
        }
        return new CursorPaging.Slice<>(rows, keys.nextCursor());
    }

    /** The documents of {@code ids}, in that order (one {@code _id $in} read). */
    private List<Document> byId(String collection, List<String> ids) {
        Map<String, Document> found = new HashMap<>();
        if (!ids.isEmpty()) {
            database.getCollection(collection).find(Filters.in("_id", ids)).forEach(doc -> found.put(doc.getString("_id"), doc));
        }
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    private static Map<String, Object> followUp(Document followUp, Document customer, LocalDate today) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("_id", followUp.getString("_id"));
        row.put("customerId", followUp.getString("customerId"));
        row.put("customerName", customer == null ? null : customer.getString("name"));
        row.put("interactionId", followUp.getString("interactionId"));
        row.put("dueOn", followUp.getString("dueOn"));
        long late = ChronoUnit.DAYS.between(LocalDate.parse(followUp.getString("dueOn")), today);
        if (late < 0) {
            row.put("daysUntilDue", -late);
        } else {
            row.put("daysOverdue", late);
        }
        return row;
    }

    private static Map<String, Object> notContacted(Document customer, LocalDate today) {
        String last = customer.getString("lastInteractionOn");
        String reference = last != null ? last : customer.getString("registeredOn");
        Map<String, Object> row = ViewRows.fieldsOf(customer, "_id", "name", "region", "lifecycle");
        row.put("lastContactOn", last);
        row.put("daysSinceContact", ChronoUnit.DAYS.between(LocalDate.parse(reference), today));
        return row;
    }

    private static Map<String, Object> overdueOpportunity(Document opportunity, LocalDate today) {
        Map<String, Object> row = ViewRows.fieldsOf(opportunity, "_id", "customerId", "title", "stage", "amount", "expectedCloseDate");
        row.put("daysPastClose", ChronoUnit.DAYS.between(LocalDate.parse(opportunity.getString("expectedCloseDate")), today));
        return row;
    }

    private static Map<String, Object> publicRow(Map<String, Object> row) {
        return ViewRows.published(row, "id");
    }
}
