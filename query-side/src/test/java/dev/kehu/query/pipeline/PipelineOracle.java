package dev.kehu.query.pipeline;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.opportunity.Stage;
import dev.kehu.query.figures.WeightedAmount;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.web.QueryParameters;
import dev.kehu.query.web.QueryParameters.ReportPeriod;
import dev.kehu.query.web.ViewFreshness;
import dev.kehu.query.web.ViewResponses;
import dev.kehu.query.web.ViewRows;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;

/**
 * The pipeline report as it was computed before the totals: from every deal of {@code pipeline_opportunities}, at
 * query time. The tests' oracle for {@link PipelineController}, which reads the totals the projection keeps. The
 * slipped and shrunk deals come straight from the events ({@link DealChanges}), not from the deals' documents.
 */
final class PipelineOracle {

    private static final List<Stage> OPEN_STAGES = List.of(Stage.LEAD, Stage.QUALIFICATION, Stage.PROPOSAL, Stage.BIDDING, Stage.NEGOTIATION);
    private static final double DAY_MS = 86_400_000d;
    /** The month key of an opportunity without an expected close date, as the reporting index names missing values. */
    static final String NO_MONTH = PipelineController.NO_MONTH;

    private final MongoDatabase database;
    private final ViewFreshness freshness;
    private final ReportContext report;
    private final DealChanges changes;

    PipelineOracle(MongoDatabase database, ViewFreshness freshness, ReportContext report, List<? extends EventMessage<?>> events) {
        this.database = database;
        this.freshness = freshness;
        this.report = report;
        this.changes = new DealChanges(events);
    }

    public CompletableFuture<ResponseEntity<Map<String, Object>>> pipeline(String from,
                                                                           String to,
                                                                           String owner,
                                                                           String region,
                                                                           Long minPosition) {
        LocalDate today = report.today();
        ReportPeriod period = QueryParameters.reportPeriod(from, to, today, report.zone());
        return freshness.answer(minPosition, ProjectionGroups.PIPELINE, fresh -> {

            List<Bson> filters = new ArrayList<>();
            ViewRows.equalIfGiven(filters, "ownerId", owner);
            ViewRows.equalIfGiven(filters, "region", region);
            List<Document> opportunities = new ArrayList<>();
            database.getCollection(PipelineProjection.OPPORTUNITIES)
                    .find(filters.isEmpty() ? new Document() : Filters.and(filters)).into(opportunities);
            opportunities.sort(Comparator.comparing(d -> d.getString("_id")));

            Instant now = report.clock().instant();

            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", period.from().toString());
            body.put("to", period.to().toString());
            body.put("today", today.toString());
            body.put("currency", report.currency());
            body.put("owner", owner);
            body.put("region", region);
            body.put("open", openPipeline(opportunities));
            body.put("funnel", funnel(opportunities, period));
            body.putAll(winRate(opportunities, period));
            body.put("timeInStage", timeInStage(opportunities, period.start(), period.end(), now));
            body.put("slipped", changes.slipped(period, owner, region));
            body.put("shrunk", changes.shrunk(period, owner, region));
            return ViewResponses.okWithFreshnessInBody(body, fresh);
        });
    }

    private Map<String, Object> openPipeline(List<Document> opportunities) {
        List<Document> open = opportunities.stream().filter(o -> "OPEN".equals(o.getString("status"))).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("total", totals(open, o -> "all").getOrDefault("all", emptyTotals()));
        Map<String, Map<String, Object>> byStage = new LinkedHashMap<>();
        for (Stage stage : OPEN_STAGES) {
            byStage.put(stage.name(), emptyTotals());
        }
        byStage.putAll(totals(open, o -> o.getString("stage")));
        List<Map<String, Object>> stages = new ArrayList<>();
        for (Stage stage : OPEN_STAGES) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", stage.name());
            row.put("chineseName", stage.chineseName());
            row.putAll(byStage.get(stage.name()));
            stages.add(row);
        }
        result.put("byStage", stages);
        result.put("byOwner", ViewRows.perGroup("ownerId", totals(open, o -> String.valueOf(o.getString("ownerId")))));
        result.put("byRegion", ViewRows.perGroup("region", totals(open, o -> String.valueOf(o.getString("region")))));
        result.put("byCloseMonth", ViewRows.perGroup("month", totals(open, o -> {
            String date = o.getString("expectedCloseDate");
            return date == null || date.length() < 7 ? NO_MONTH : date.substring(0, 7);
        })));
        return result;
    }

    private Map<String, Map<String, Object>> totals(List<Document> opportunities, Function<Document, String> key) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal[]> amounts = new TreeMap<>();
        for (Document o : opportunities) {
            String k = key.apply(o);
            counts.computeIfAbsent(k, x -> new long[1])[0]++;
            BigDecimal[] sums = amounts.computeIfAbsent(k, x -> new BigDecimal[]{BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)});
            BigDecimal amount = WeightedAmount.rounded(Docs.amount(o.get("amount")));
            if (report.currency().equals(o.getString("currency")) && amount != null) {
                // the rule of the reporting index (WeightedAmount); an amount whose cents do not fit a long is
                // counted but not summed, as in the index
                sums[0] = sums[0].add(amount);
                sums[1] = sums[1].add(WeightedAmount.weighted(amount, o.getInteger("probability", 0)));
            }
        }
        Map<String, Map<String, Object>> result = new TreeMap<>();
        counts.forEach((k, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", c[0]);
            row.put("amount", amounts.get(k)[0]);
            row.put("weightedAmount", amounts.get(k)[1]);
            result.put(k, row);
        });
        return result;
    }

    private static Map<String, Object> emptyTotals() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("count", 0L);
        row.put("amount", BigDecimal.ZERO.setScale(2));
        row.put("weightedAmount", BigDecimal.ZERO.setScale(2));
        return row;
    }

    /** Of the opportunities opened in the period that reached a stage, how many reached the next one. */
    private static List<Map<String, Object>> funnel(List<Document> opportunities, ReportPeriod period) {
        List<Stage> steps = new ArrayList<>(OPEN_STAGES);
        steps.add(Stage.WON);
        long[] reached = new long[steps.size()];
        for (Document o : opportunities) {
            if (!period.contains(o.getDate("openedAt"))) {
                continue;
            }
            int furthest = -1;
            for (String stage : o.getList("reached", String.class, List.of())) {
                furthest = Math.max(furthest, stage == null ? -1 : steps.indexOf(Stage.valueOf(stage)));
            }
            for (int i = 0; i <= furthest; i++) {
                reached[i]++;
            }
        }
        List<Map<String, Object>> funnel = new ArrayList<>();
        for (int i = 0; i + 1 < steps.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("from", steps.get(i).name());
            row.put("to", steps.get(i + 1).name());
            row.put("reachedFrom", reached[i]);
            row.put("reachedTo", reached[i + 1]);
            row.put("conversion", reached[i] == 0 ? null : BigDecimal.valueOf(reached[i + 1]).divide(BigDecimal.valueOf(reached[i]), 4, RoundingMode.HALF_UP));
            funnel.add(row);
        }
        return funnel;
    }

    private static Map<String, Object> winRate(List<Document> opportunities, ReportPeriod period) {
        long won = 0;
        long lost = 0;
        double cycleDays = 0;
        for (Document o : opportunities) {
            Date closedAt = o.getDate("closedAt");
            if (!period.contains(closedAt)) {
                continue;
            }
            if ("WON".equals(o.getString("status"))) {
                won++;
                Date openedAt = o.getDate("openedAt");
                cycleDays += openedAt == null ? 0 : (closedAt.getTime() - openedAt.getTime()) / DAY_MS;
            } else if ("LOST".equals(o.getString("status"))) {
                lost++;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> winRate = new LinkedHashMap<>();
        winRate.put("won", won);
        winRate.put("lost", lost);
        winRate.put("rate", won + lost == 0 ? null : BigDecimal.valueOf(won).divide(BigDecimal.valueOf(won + lost), 4, RoundingMode.HALF_UP));
        result.put("winRate", winRate);
        result.put("averageSalesCycleDays", won == 0 ? null : BigDecimal.valueOf(cycleDays / won).setScale(1, RoundingMode.HALF_UP));
        return result;
    }

    /** Average days per open stage over stays that ended in the period (open stays count up to now). */
    private static List<Map<String, Object>> timeInStage(List<Document> opportunities, Instant start, Instant end, Instant now) {
        Map<String, double[]> stays = new LinkedHashMap<>();
        for (Stage stage : OPEN_STAGES) {
            stays.put(stage.name(), new double[2]);
        }
        for (Document o : opportunities) {
            for (Document stay : o.getList("stageHistory", Document.class, List.of())) {
                double[] sum = stay.getString("stage") == null ? null : stays.get(stay.getString("stage"));
                if (sum == null || stay.getDate("enteredAt") == null) {
                    continue;
                }
                Date left = stay.getDate("leftAt");
                Instant until = left == null ? now : left.toInstant();
                if (until.isBefore(start) || !until.isBefore(end)) {
                    continue;
                }
                sum[0] += (until.toEpochMilli() - stay.getDate("enteredAt").getTime()) / DAY_MS;
                sum[1]++;
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        stays.forEach((stage, sum) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", stage);
            row.put("stays", (long) sum[1]);
            row.put("averageDays", sum[1] == 0 ? null : BigDecimal.valueOf(sum[0] / sum[1]).setScale(1, RoundingMode.HALF_UP));
            rows.add(row);
        });
        return rows;
    }
}
