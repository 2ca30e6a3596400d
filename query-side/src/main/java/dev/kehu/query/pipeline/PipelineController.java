package dev.kehu.query.pipeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.opportunity.Stage;
import dev.kehu.query.pipeline.PipelineTotals.Row;
import dev.kehu.query.projection.Docs;
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
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/pipeline?from&to&owner&region&minPosition}: the open pipeline (count, amount and
 * weighted amount by stage, owner, region and expected-close month), the funnel with conversion
 * between consecutive stages (opportunities opened in the period), win rate and average sales
 * cycle (closed in the period), average time in each stage (stage stays that ended in the
 * period), and the deals that slipped or shrank in the period. Period defaults to the 365 days up
 * to today; amounts are in the reporting currency. Read from the totals the pipeline projection keeps
 * ({@link PipelineTotals}): the open totals of the filter and the totals of each day of the period, then the deals that
 * slipped or were cut in it, so the cost follows the period and the answer, not the number of deals.
 */
@RestController
@RequestMapping("/api/pipeline")
public class PipelineController {

    private static final List<Stage> OPEN_STAGES = List.of(Stage.LEAD, Stage.QUALIFICATION, Stage.PROPOSAL, Stage.BIDDING, Stage.NEGOTIATION);
    private static final double DAY_MS = 86_400_000d;
    /** The month key of an opportunity without an expected close date, as the reporting index names missing values. */
    static final String NO_MONTH = "(none)";
    /**
     * Periods up to this many days read their day totals by id (one per day); a longer one reads the
     * {@code _id} range of its days (one walk of the index on MongoDB and the embedded store).
     */
    static final int MAX_DAYS_BY_ID = 1_000;
    /**
     * Ids per {@code _id $in} read: mongo-java-server matches every document found against the whole {@code $in} list,
     * so one read of n ids costs n × n comparisons; reads of at most this many keep it linear.
     */
    static final int IN_CHUNK = 100;

    private final MongoDatabase database;
    private final ViewFreshness freshness;
    private final ReportContext report;

    public PipelineController(MongoDatabase database, ViewFreshness freshness, ReportContext report) {
        this.database = database;
        this.freshness = freshness;
        this.report = report;
    }

    @GetMapping
    public CompletableFuture<ResponseEntity<Map<String, Object>>> pipeline(@RequestParam(required = false) String from,
                                                                           @RequestParam(required = false) String to,
                                                                           @RequestParam(required = false) String owner,
                                                                           @RequestParam(required = false) String region,
                                                                           @RequestParam(required = false) Long minPosition) {
        LocalDate today = report.today();
        ReportPeriod period = QueryParameters.reportPeriod(from, to, today, report.zone());
        return freshness.answer(minPosition, ProjectionGroups.PIPELINE, fresh -> {
            Instant now = report.clock().instant();
            MongoCollection<Document> totals = database.getCollection(PipelineTotals.COLLECTION);
            Map<String, Row> open = sum(totals, ids(PipelineTotals.prefix("open", owner, region), List.of("")));
            String days = PipelineTotals.prefix("day", owner, region);
            Map<String, Row> inPeriod = period.from().plusDays(MAX_DAYS_BY_ID).isAfter(period.to())
                    ? sum(totals, ids(days, period.from().datesUntil(period.to().plusDays(1)).map(LocalDate::toString).toList()))
                    : sum(totals, new Document("_id", new Document("$gte", days + period.from()).append("$lte", days + period.to())));

            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", period.from().toString());
            body.put("to", period.to().toString());
            body.put("today", today.toString());
            body.put("currency", report.currency());
            body.put("owner", owner);
            body.put("region", region);
            body.put("open", openPipeline(open));
            body.put("funnel", funnel(inPeriod));
            body.putAll(winRate(inPeriod));
            body.put("timeInStage", timeInStage(open, inPeriod, period.contains(Date.from(now)) ? now : null));
            List<Document> changed = deals(inPeriod);
            body.put("slipped", slipped(changed, period));
            body.put("shrunk", shrunk(changed, period));
            return ViewResponses.okWithFreshnessInBody(body, fresh);
        });
    }

    /**
     * The {@code _id}s of the total documents of a prefix, one for each of {@code ends} (the days of a period): read by
     * {@code _id $in}, which every server answers from the primary index, whatever the number of deals.
     */
    private static Document ids(String prefix, List<String> ends) {
        return new Document("_id", new Document("$in", ends.stream().map(end -> prefix + end).toList()));
    }

    /** The rows of the total documents {@code query} finds, summed over documents (days). */
    private static Map<String, Row> sum(MongoCollection<Document> totals, Document query) {
        Map<String, Row> sum = new TreeMap<>();
        for (Document chunk : chunks(query)) {
            for (Document total : totals.find(chunk)) {
                PipelineTotals.rows(total).forEach((key, row) -> sum.merge(key, row, (a, b) -> a.plus(b, 1)));
            }
        }
        return sum;
    }

    /** An {@code _id $in} query as queries of at most {@value #IN_CHUNK} ids each; any other query as it is. */
    private static List<Document> chunks(Document query) {
        if (!(query.get("_id") instanceof Document id) || !(id.get("$in") instanceof List<?> ids) || ids.size() <= IN_CHUNK) {
            return List.of(query);
        }
        List<Document> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            chunks.add(new Document("_id", new Document("$in", ids.subList(from, Math.min(ids.size(), from + IN_CHUNK)))));
        }
        return chunks;
    }

    /** The rows of one kind, by their parts after the kind ({@code owner|<id>|<currency>} → [id, currency]). */
    private static Map<List<String>, Row> ofKind(Map<String, Row> rows, String kind) {
        Map<List<String>, Row> found = new LinkedHashMap<>();
        rows.forEach((key, row) -> {
            String[] parts = key.split("\\|", -1);
            if (parts[0].equals(kind)) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i < parts.length; i++) {
                    values.add(PipelineTotals.unpart(parts[i]));
                }
                found.put(values, row);
            }
        });
        return found;
    }

    /** Deals by group (the row's first part): count over every currency, amounts in the reporting currency. */
    private Map<String, Map<String, Object>> totals(Map<String, Row> rows, String kind) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal[]> amounts = new TreeMap<>();
        ofKind(rows, kind).forEach((parts, row) -> {
            String group = parts.size() > 1 ? parts.get(0) : "all";
            String currency = parts.get(parts.size() - 1);
            counts.computeIfAbsent(group, x -> new long[1])[0] += row.count();
            BigDecimal[] sums = amounts.computeIfAbsent(group, x -> new BigDecimal[]{BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)});
            if (report.currency().equals(currency)) {
                sums[0] = sums[0].add(row.amount()).setScale(2);
                sums[1] = sums[1].add(row.weighted()).setScale(2);
            }
        });
        Map<String, Map<String, Object>> result = new TreeMap<>();
        counts.forEach((group, c) -> {
            if (c[0] == 0) {
                return;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", c[0]);
            row.put("amount", amounts.get(group)[0]);
            row.put("weightedAmount", amounts.get(group)[1]);
            result.put(group, row);
        });
        return result;
    }

    private Map<String, Object> openPipeline(Map<String, Row> open) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("total", totals(open, "total").getOrDefault("all", emptyTotals()));
        Map<String, Map<String, Object>> byStage = totals(open, "stage");
        List<Map<String, Object>> stages = new ArrayList<>();
        for (Stage stage : OPEN_STAGES) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", stage.name());
            row.put("chineseName", stage.chineseName());
            row.putAll(byStage.getOrDefault(stage.name(), emptyTotals()));
            stages.add(row);
        }
        result.put("byStage", stages);
        result.put("byOwner", ViewRows.perGroup("ownerId", totals(open, "owner")));
        result.put("byRegion", ViewRows.perGroup("region", totals(open, "region")));
        result.put("byCloseMonth", ViewRows.perGroup("month", totals(open, "month")));
        return result;
    }

    private static Map<String, Object> emptyTotals() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("count", 0L);
        row.put("amount", BigDecimal.ZERO.setScale(2));
        row.put("weightedAmount", BigDecimal.ZERO.setScale(2));
        return row;
    }

    /** The deals that slipped or were cut in the period, read by {@code _id}, in {@code _id} order. */
    private List<Document> deals(Map<String, Row> inPeriod) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        ofKind(inPeriod, "slipped").keySet().forEach(parts -> ids.add(parts.get(0)));
        ofKind(inPeriod, "cut").keySet().forEach(parts -> ids.add(parts.get(0)));
        List<Document> deals = new ArrayList<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            database.getCollection(PipelineProjection.OPPORTUNITIES)
                    .find(Filters.in("_id", all.subList(from, Math.min(all.size(), from + IN_CHUNK)))).into(deals);
        }
        deals.sort(Comparator.comparing(d -> d.getString("_id")));
        return deals;
    }

    /** Of the opportunities opened in the period that reached a stage, how many reached the next one. */
    private static List<Map<String, Object>> funnel(Map<String, Row> inPeriod) {
        List<Stage> steps = new ArrayList<>(OPEN_STAGES);
        steps.add(Stage.WON);
        long[] reached = new long[steps.size()];
        ofKind(inPeriod, "furthest").forEach((parts, row) -> {
            int furthest = Integer.parseInt(parts.get(0));
            for (int i = 0; i <= furthest && i < reached.length; i++) {
                reached[i] += row.count();
            }
        });
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

    private static Map<String, Object> winRate(Map<String, Row> inPeriod) {
        Row won = inPeriod.getOrDefault("won", Row.ZERO);
        long lost = inPeriod.getOrDefault("lost", Row.ZERO).count();
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> winRate = new LinkedHashMap<>();
        winRate.put("won", won.count());
        winRate.put("lost", lost);
        winRate.put("rate", won.count() + lost == 0 ? null
                : BigDecimal.valueOf(won.count()).divide(BigDecimal.valueOf(won.count() + lost), 4, RoundingMode.HALF_UP));
        result.put("winRate", winRate);
        result.put("averageSalesCycleDays", won.count() == 0 ? null
                : BigDecimal.valueOf(won.millis() / DAY_MS / won.count()).setScale(1, RoundingMode.HALF_UP));
        return result;
    }

    /**
     * Average days per open stage over stays that ended in the period and, when {@code now} lies in it (else null),
     * the stays still open, counted up to now.
     */
    private static List<Map<String, Object>> timeInStage(Map<String, Row> open, Map<String, Row> inPeriod, Instant now) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Stage stage : OPEN_STAGES) {
            Row ended = inPeriod.getOrDefault(PipelineTotals.key("ended", stage.name()), Row.ZERO);
            long stays = ended.count();
            double millis = ended.millis();
            Row still = open.getOrDefault(PipelineTotals.key("stay", stage.name()), Row.ZERO);
            if (now != null) {
                stays += still.count();
                millis += (double) still.count() * now.toEpochMilli() - still.millis();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", stage.name());
            row.put("stays", stays);
            row.put("averageDays", stays == 0 ? null : BigDecimal.valueOf(millis / DAY_MS / stays).setScale(1, RoundingMode.HALF_UP));
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> slipped(List<Document> opportunities, ReportPeriod period) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Document o : opportunities) {
            List<Document> slips = o.getList("slips", Document.class, List.of()).stream()
                    .filter(s -> period.contains(s.getDate("at")) && Docs.later(s.getString("to"), s.getString("from"))
                            && s.getString("from") != null).toList();
            if (slips.isEmpty()) {
                continue;
            }
            Map<String, Object> row = summary(o);
            row.put("initialCloseDate", o.getString("initialCloseDate"));
            row.put("expectedCloseDate", o.getString("expectedCloseDate"));
            row.put("slips", slips.size());
            long days = 0; // total: every day a slip in the period moved the date later; a pull-in is not netted against it
            for (Document slip : slips) {
                days += java.time.temporal.ChronoUnit.DAYS.between(LocalDate.parse(slip.getString("from")), LocalDate.parse(slip.getString("to")));
            }
            row.put("daysSlipped", days);
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> shrunk(List<Document> opportunities, ReportPeriod period) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Document o : opportunities) {
            List<Document> cuts = o.getList("amountChanges", Document.class, List.of()).stream()
                    .filter(c -> period.contains(c.getDate("at")) && Docs.amount(c.get("to")).compareTo(Docs.amount(c.get("from"))) < 0).toList();
            if (cuts.isEmpty()) {
                continue;
            }
            // measured from the amount just before its first cut in the period to its amount now; a deal whose later
            // increases made up for the cuts did not shrink
            BigDecimal before = Docs.amount(cuts.get(0).get("from"));
            BigDecimal after = Docs.amount(o.get("amount"));
            if (after.compareTo(before) >= 0) {
                continue;
            }
            Map<String, Object> row = summary(o);
            row.put("amountBefore", before);
            row.put("amount", after);
            row.put("shrunkBy", before.subtract(after));
            row.put("cuts", cuts.size());
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> summary(Document o) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("opportunityId", o.getString("_id"));
        row.putAll(ViewRows.fieldsOf(o, "customerId", "title", "ownerId", "region", "stage", "status"));
        return row;
    }
}
