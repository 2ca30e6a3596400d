package dev.kehu.query.service;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.web.QueryParameters;
import dev.kehu.query.web.QueryParameters.ReportPeriod;
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
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/service?from&to&region&manager&minPosition}: complaints logged, resolved and still
 * open in the period (open = logged and not resolved by its end), average resolution time, and
 * average satisfaction (complaint resolutions and return visits in the period) overall, by region
 * and by account manager. Period defaults to the 365 days up to today.
 */
@RestController
@RequestMapping("/api/service")
public class ServiceController {

    private final MongoDatabase database;
    private final ViewFreshness freshness;
    private final ReportContext report;

    public ServiceController(MongoDatabase database, ViewFreshness freshness, ReportContext report) {
        this.database = database;
        this.freshness = freshness;
        this.report = report;
    }

    @GetMapping
    public CompletableFuture<ResponseEntity<Map<String, Object>>> service(@RequestParam(required = false) String from,
                                                                          @RequestParam(required = false) String to,
                                                                          @RequestParam(required = false) String region,
                                                                          @RequestParam(required = false) String manager,
                                                                          @RequestParam(required = false) Long minPosition) {
        LocalDate today = report.today();
        ReportPeriod period = QueryParameters.reportPeriod(from, to, today, report.zone());
        return freshness.answer(minPosition, ProjectionGroups.SERVICE, fresh -> {
            Instant periodEnd = period.end();

            long logged = 0;
            long resolved = 0;
            long open = 0;
            double resolutionDays = 0;
            for (Document complaint : database.getCollection(ServiceProjection.COMPLAINTS).find()) {
                if (!matches(complaint, region, manager)) {
                    continue;
                }
                Date loggedAt = complaint.getDate("loggedAt");
                Date resolvedAt = complaint.getDate("resolvedAt");
                if (period.contains(loggedAt)) {
                    logged++;
                }
                if (period.contains(resolvedAt)) {
                    resolved++;
                    resolutionDays += (resolvedAt.getTime() - loggedAt.getTime()) / 86_400_000d;
                }
                if (loggedAt.toInstant().isBefore(periodEnd) && (resolvedAt == null || !resolvedAt.toInstant().isBefore(periodEnd))) {
                    open++;
                }
            }
            List<Document> scores = new ArrayList<>();
            for (Document score : database.getCollection(ServiceProjection.SCORES).find()) {
                if (matches(score, region, manager) && period.contains(score.getDate("at"))) {
                    scores.add(score);
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", period.from().toString());
            body.put("to", period.to().toString());
            body.put("region", region);
            body.put("manager", manager);
            Map<String, Object> complaints = new LinkedHashMap<>();
            complaints.put("logged", logged);
            complaints.put("resolved", resolved);
            complaints.put("open", open);
            complaints.put("averageResolutionDays", resolved == 0 ? null : BigDecimal.valueOf(resolutionDays / resolved).setScale(1, RoundingMode.HALF_UP));
            body.put("complaints", complaints);
            Map<String, Object> satisfaction = new LinkedHashMap<>();
            satisfaction.put("overall", average(scores, s -> "all").getOrDefault("all", Map.of("count", 0L)));
            satisfaction.put("byRegion", ViewRows.perGroup("region", average(scores, s -> String.valueOf(s.getString("region")))));
            satisfaction.put("byManager", ViewRows.perGroup("accountManager", average(scores, s -> String.valueOf(s.getString("accountManager")))));
            body.put("satisfaction", satisfaction);
            return ViewResponses.okWithFreshnessInBody(body, fresh);
        });
    }

    private static Map<String, Map<String, Object>> average(List<Document> scores, Function<Document, String> key) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Document score : scores) {
            long[] sum = sums.computeIfAbsent(key.apply(score), k -> new long[2]);
            sum[0] += score.getInteger("score");
            sum[1]++;
        }
        Map<String, Map<String, Object>> result = new TreeMap<>();
        sums.forEach((k, sum) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", sum[1]);
            row.put("averageScore", BigDecimal.valueOf(sum[0]).divide(BigDecimal.valueOf(sum[1]), 2, RoundingMode.HALF_UP));
            result.put(k, row);
        });
        return result;
    }

    private static boolean matches(Document doc, String region, String manager) {
        return (region == null || region.equals(doc.getString("region")))
                && (manager == null || manager.equals(doc.getString("accountManager")));
    }
}
