package dev.kehu.query.service;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.web.InvalidQueryParameter;
import dev.kehu.query.web.QueryParameters;
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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * After-sales service request views, each reading precomputed rows by {@code _id} (cost independent of the number
 * of requests):
 * {@code GET /api/service/requests/schedule?engineer&from&to&minPosition} — the engineer's appointments by day
 * (from defaults to today, to to from + 6; at most 31 days);
 * {@code GET /api/service/requests/open?minPosition} — open requests by age (days since reported, as of today:
 * 0–1, 2–7, 8–30, over 30), in total and by region;
 * {@code GET /api/service/requests/performance?minPosition} — by region and by engineer: requests closed, the
 * first-call resolution rate (closed after a phone resolution ÷ closed, 4 places) and the average days to close;
 * {@code GET /api/service/requests/{requestId}?minPosition} — one request: customer, region, problem, status,
 * engineer, appointment, dates, score and the complaints that refer to it (404 when unknown).
 */
@RestController
@RequestMapping("/api/service/requests")
public class ServiceRequestController {

    static final int MAX_SCHEDULE_DAYS = 31;
    static final List<String> AGES = List.of("days0to1", "days2to7", "days8to30", "over30");

    private final MongoDatabase database;
    private final ViewFreshness freshness;
    private final ReportContext report;

    public ServiceRequestController(MongoDatabase database, ViewFreshness freshness, ReportContext report) {
        this.database = database;
        this.freshness = freshness;
        this.report = report;
    }

    @GetMapping("/schedule")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> schedule(@RequestParam String engineer,
                                                                           @RequestParam(required = false) String from,
                                                                           @RequestParam(required = false) String to,
                                                                           @RequestParam(required = false) Long minPosition) {
        String name = QueryParameters.text("engineer", engineer);
        LocalDate first = QueryParameters.date("from", from, report.today());
        LocalDate last = QueryParameters.date("to", to, first.plusDays(6));
        if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_SCHEDULE_DAYS) {
            throw new InvalidQueryParameter("to", "must be from " + first + " to " + first.plusDays(MAX_SCHEDULE_DAYS - 1));
        }
        return freshness.answer(minPosition, ProjectionGroups.SERVICE, fresh -> {
            List<String> ids = new ArrayList<>();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                ids.add(ServiceRequestProjection.scheduleId(name, day.toString()));
            }
            Map<String, List<Document>> byDay = new TreeMap<>();
            for (Document row : database.getCollection(ServiceRequestProjection.SCHEDULE).find(Filters.in("_id", ids))) {
                List<Document> appointments = row.getList("appointments", Document.class, List.of());
                if (!appointments.isEmpty()) {
                    byDay.put(row.getString("date"), appointments);
                }
            }
            List<Map<String, Object>> days = new ArrayList<>();
            byDay.forEach((day, appointments) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("date", day);
                row.put("appointments", appointments);
                days.add(row);
            });
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("engineer", name);
            body.put("from", first.toString());
            body.put("to", last.toString());
            body.put("days", days);
            return ViewResponses.okWithFreshnessInBody(body, fresh);
        });
    }

    @GetMapping("/{requestId}")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> request(@PathVariable String requestId,
                                                                          @RequestParam(required = false) Long minPosition) {
        return freshness.answer(minPosition, ProjectionGroups.SERVICE, fresh -> ViewResponses.ok(ViewJson.toJson(
                ViewResponses.found(database.getCollection(ServiceRequestProjection.REQUESTS), "service request", requestId),
                "requestId"), fresh));
    }

    @GetMapping("/open")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> open(@RequestParam(required = false) Long minPosition) {
        LocalDate today = report.today();
        return freshness.answer(minPosition, ProjectionGroups.SERVICE, fresh -> {
            Map<String, long[]> byRegion = new TreeMap<>();
            long[] total = new long[AGES.size() + 1];
            for (Document row : rows("open")) {
                long[] counts = byRegion.computeIfAbsent(nameOf(row), k -> new long[AGES.size() + 1]);
                Document byDay = row.get("openByDay", Document.class);
                if (byDay != null) {
                    byDay.forEach((day, count) -> {
                        int bucket = "undated".equals(day) ? AGES.size() : age(Docs.localDate(day), today);
                        counts[bucket] += ((Number) count).longValue();
                        total[bucket] += ((Number) count).longValue();
                    });
                }
            }
            List<Map<String, Object>> regions = new ArrayList<>();
            byRegion.forEach((region, counts) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("region", region.isEmpty() ? null : region);
                row.putAll(ages(counts));
                if (((Long) row.get("total")) > 0) {
                    regions.add(row);
                }
            });
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("asOf", today.toString());
            body.put("total", ages(total));
            body.put("byRegion", regions);
            return ViewResponses.okWithFreshnessInBody(body, fresh);
        });
    }

    @GetMapping("/performance")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> performance(@RequestParam(required = false) Long minPosition) {
        return freshness.answer(minPosition, ProjectionGroups.SERVICE, fresh -> {
            List<Map<String, Object>> regions = new ArrayList<>();
            List<Map<String, Object>> engineers = new ArrayList<>();
            rows("region").forEach(row -> regions.add(performance("region", nameOf(row), row)));
            rows("engineer").forEach(row -> engineers.add(performance("engineer", nameOf(row), row)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("byRegion", regions);
            body.put("byEngineer", engineers);
            return ViewResponses.okWithFreshnessInBody(body, fresh);
        });
    }

    /**
     * The stats rows of one kind (one per region or engineer), read as the {@code _id} range of their prefix: the
     * rows of the other kinds are never read.
     */
    private Iterable<Document> rows(String kind) {
        char separator = ServiceRequestProjection.SEPARATOR.charAt(0);
        return database.getCollection(ServiceRequestProjection.STATS).find(new Document("_id",
                new Document("$gte", kind + separator).append("$lt", kind + (char) (separator + 1))))
                .sort(new Document("_id", 1));
    }

    private static Map<String, Object> performance(String key, String name, Document row) {
        long closed = row.get("closed", Number.class).longValue();
        long firstCall = row.get("closedOnFirstCall", Number.class).longValue();
        long days = row.get("daysToClose", Number.class).longValue();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(key, name.isEmpty() ? null : name);
        figures.put("closed", closed);
        figures.put("closedOnFirstCall", firstCall);
        figures.put("firstCallResolutionRate", BigDecimal.valueOf(firstCall).divide(BigDecimal.valueOf(closed), 4, RoundingMode.HALF_UP));
        figures.put("averageDaysToClose", BigDecimal.valueOf(days).divide(BigDecimal.valueOf(closed), 1, RoundingMode.HALF_UP));
        return figures;
    }

    /** The age bucket of a request reported on {@code day}: 0–1, 2–7, 8–30, over 30 days. */
    static int age(LocalDate day, LocalDate today) {
        long days = Math.max(0, ChronoUnit.DAYS.between(day, today));
        return days <= 1 ? 0 : days <= 7 ? 1 : days <= 30 ? 2 : 3;
    }

    private static Map<String, Object> ages(long[] counts) {
        Map<String, Object> row = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < AGES.size(); i++) {
            row.put(AGES.get(i), counts[i]);
            total += counts[i];
        }
        row.put("undated", counts[AGES.size()]);
        row.put("total", total + counts[AGES.size()]);
        return row;
    }

    private static String nameOf(Document row) {
        String id = row.getString("_id");
        return id.substring(id.indexOf(ServiceRequestProjection.SEPARATOR) + 1);
    }
}
