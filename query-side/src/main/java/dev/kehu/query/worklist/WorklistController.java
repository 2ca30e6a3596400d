package dev.kehu.query.worklist;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.web.CursorPaging;
import dev.kehu.query.web.InvalidQueryParameter;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The account manager's worklist:
 * {@code GET /api/worklists/{manager}} (counts and the first page of every section) and
 * {@code GET /api/worklists/{manager}/{section}} (one section, cursor-paged), sections
 * {@code follow-ups-due-today}, {@code overdue-follow-ups}, {@code upcoming-follow-ups} (open, due after today and
 * at most {@code upcomingDays} ahead, default 7), {@code not-contacted}
 * ({@code notContactedDays}, default {@code kehu.worklist.not-contacted-days} = 30) and
 * {@code overdue-opportunities} (own open opportunities past their expected close date).
 */
@RestController
@RequestMapping("/api/worklists")
public class WorklistController {

    static final List<String> SECTIONS = List.of("follow-ups-due-today", "overdue-follow-ups", "upcoming-follow-ups", "not-contacted",
            "overdue-opportunities");
    /** Default horizon of "upcoming follow-ups": open follow-ups due after today and at most this many days ahead. */
    static final int UPCOMING_DAYS = 7;
    private static final Set<String> GONE = Set.of("CHURNED", "DROPPED");

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
            for (String section : SECTIONS) {
                List<Map<String, Object>> rows = rows(section, manager, today, days, ahead);
                counts.put(section, rows.size());
                CursorPaging.Slice<Map<String, Object>> slice = CursorPaging.page(rows, sortKey(section), false, null, size);
                body.put(section, slice.page(WorklistController::publicRow, fresh));
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
            List<Map<String, Object>> rows = rows(section, manager, report.today(), days, ahead);
            CursorPaging.Slice<Map<String, Object>> slice = CursorPaging.page(rows, sortKey(section), false, cursor, size);
            return ViewResponses.ok(slice.page(WorklistController::publicRow, fresh), fresh);
        });
    }

    private static java.util.function.Function<Map<String, Object>, Object> sortKey(String section) {
        return switch (section) {
            case "not-contacted" -> row -> row.get("lastContactOn");
            case "overdue-opportunities" -> row -> row.get("expectedCloseDate");
            default -> row -> row.get("dueOn");
        };
    }

    private List<Map<String, Object>> rows(String section, String manager, LocalDate today, int notContactedDays, int upcomingDays) {
        String day = today.toString();
        return switch (section) {
            case "follow-ups-due-today" -> followUps(manager, today, Filters.eq("dueOn", day));
            case "overdue-follow-ups" -> followUps(manager, today, Filters.lt("dueOn", day));
            case "upcoming-follow-ups" -> followUps(manager, today,
                    Filters.and(Filters.gt("dueOn", day), Filters.lte("dueOn", today.plusDays(upcomingDays).toString())));
            case "not-contacted" -> notContacted(manager, today.minusDays(notContactedDays), today);
            default -> overdueOpportunities(manager, today);
        };
    }

    private Map<String, Document> customersOf(String manager) {
        Map<String, Document> customers = new HashMap<>();
        for (Document customer : database.getCollection(WorklistProjection.CUSTOMERS)
                .find(Filters.and(Filters.eq("accountManager", manager), Filters.eq("merged", false)))) {
            customers.put(customer.getString("_id"), customer);
        }
        return customers;
    }

    /** Open follow-ups of the manager's customers whose due date matches {@code due}. */
    private List<Map<String, Object>> followUps(String manager, LocalDate today, org.bson.conversions.Bson due) {
        Map<String, Document> customers = customersOf(manager);
        var filter = Filters.and(Filters.eq("open", true), due);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Document followUp : database.getCollection(WorklistProjection.FOLLOW_UPS).find(filter)) {
            Document customer = customers.get(followUp.getString("customerId"));
            if (customer == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("_id", followUp.getString("_id"));
            row.put("customerId", customer.getString("_id"));
            row.put("customerName", customer.getString("name"));
            row.put("interactionId", followUp.getString("interactionId"));
            row.put("dueOn", followUp.getString("dueOn"));
            long late = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.parse(followUp.getString("dueOn")), today);
            if (late < 0) {
                row.put("daysUntilDue", -late);
            } else {
                row.put("daysOverdue", late);
            }
            rows.add(row);
        }
        return rows;
    }

    private List<Map<String, Object>> notContacted(String manager, LocalDate since, LocalDate today) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String cutoff = since.toString();
        for (Document customer : customersOf(manager).values()) {
            if (GONE.contains(customer.getString("lifecycle"))) {
                continue;
            }
            String last = customer.getString("lastInteractionOn");
            String reference = last != null ? last : customer.getString("registeredOn");
            if (reference == null || reference.compareTo(cutoff) >= 0) {
                continue;
            }
            Map<String, Object> row = ViewRows.fieldsOf(customer, "_id", "name", "region", "lifecycle");
            row.put("lastContactOn", last);
            row.put("daysSinceContact", java.time.temporal.ChronoUnit.DAYS.between(LocalDate.parse(reference), today));
            rows.add(row);
        }
        return rows;
    }

    private List<Map<String, Object>> overdueOpportunities(String manager, LocalDate today) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Document opportunity : database.getCollection(WorklistProjection.OPPORTUNITIES).find(Filters.and(
                Filters.eq("ownerId", manager), Filters.eq("open", true), Filters.lt("expectedCloseDate", today.toString())))) {
            Map<String, Object> row = ViewRows.fieldsOf(opportunity, "_id", "customerId", "title", "stage", "amount", "expectedCloseDate");
            row.put("daysPastClose", java.time.temporal.ChronoUnit.DAYS.between(LocalDate.parse(opportunity.getString("expectedCloseDate")), today));
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> publicRow(Map<String, Object> row) {
        return ViewRows.published(row, "id");
    }
}
