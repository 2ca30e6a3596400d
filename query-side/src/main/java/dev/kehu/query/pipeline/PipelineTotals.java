package dev.kehu.query.pipeline;

import dev.kehu.events.opportunity.Stage;
import dev.kehu.query.figures.WeightedAmount;
import dev.kehu.query.projection.Docs;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one deal ({@code pipeline_opportunities} document) adds to the pipeline's precomputed totals
 * ({@value #COLLECTION}), so {@code GET /api/pipeline} reads a few total documents instead of every deal. The
 * projection applies the difference between a deal's contribution after and before each event, so the totals are
 * always the sum over the deals as they are now (the same definition as summing the deals at query time).
 * <p>
 * Total documents ({@code _id}, parts escaped by {@link #part}; {@code *} = not filtered):
 * <ul>
 *   <li>{@code open|<owner or *>|<region or *>|}: the open deals by {@code total}, {@code stage},
 *       {@code owner}, {@code region}, {@code month} (expected close) and currency (count, amount, weighted
 *       amount), and the open stage stays by stage ({@code stay}: count and sum of their entry instants, so their
 *       length up to "now" is computed when read);</li>
 *   <li>{@code day|<owner or *>|<region or *>|<yyyy-MM-dd>}: what happened that business day: deals opened
 *       by furthest stage reached ({@code furthest}), won (count, sum of cycle milliseconds) and lost, stage stays
 *       that ended ({@code ended}: count and sum of milliseconds), and the deals that slipped or were cut that day
 *       ({@code slipped}, {@code cut}: their ids, read back to list them).</li>
 * </ul>
 * Each deal counts in the four filter combinations (none, owner, region, both), so a filtered request reads one
 * {@code _id} range. A total document sums deals of many customers, so the group runs in one segment
 * ({@code ProjectionGroups.SPLITTABLE} leaves it out).
 */
public final class PipelineTotals {

    public static final String COLLECTION = "pipeline_totals";
    static final List<Stage> OPEN_STAGES = List.of(Stage.LEAD, Stage.QUALIFICATION, Stage.PROPOSAL, Stage.BIDDING, Stage.NEGOTIATION);
    static final String ANY = "*";

    private PipelineTotals() {
    }

    /** Count, sum of milliseconds, amount and weighted amount of one row of a total document. */
    record Row(long count, long millis, BigDecimal amount, BigDecimal weighted) {

        static final Row ZERO = new Row(0, 0, BigDecimal.ZERO, BigDecimal.ZERO);

        Row plus(Row other, int sign) {
            return new Row(count + sign * other.count, millis + sign * other.millis,
                    sign > 0 ? amount.add(other.amount) : amount.subtract(other.amount),
                    sign > 0 ? weighted.add(other.weighted) : weighted.subtract(other.weighted));
        }

        boolean isZero() {
            return count == 0 && millis == 0 && amount.signum() == 0 && weighted.signum() == 0;
        }
    }

    /** The total documents' rows this deal adds: total document id → row key → row. Empty for null. */
    static Map<String, Map<String, Row>> of(Document deal, ZoneId zone) {
        Map<String, Map<String, Row>> totals = new TreeMap<>();
        if (deal == null) {
            return totals;
        }
        List<String[]> filters = filters(deal.getString("ownerId"), deal.getString("region"));
        boolean open = "OPEN".equals(deal.getString("status"));
        Map<String, Row> openRows = new TreeMap<>();
        if (open) {
            openDeal(deal, openRows);
        }
        Map<String, Map<String, Row>> byDay = new TreeMap<>();
        for (Document stay : deal.getList("stageHistory", Document.class, List.of())) {
            Date entered = stay.getDate("enteredAt");
            if (stay.getString("stage") == null || !isOpenStage(stay.getString("stage")) || entered == null) {
                continue;
            }
            Date left = stay.getDate("leftAt");
            if (left == null) {
                add(openRows, key("stay", stay.getString("stage")), new Row(1, entered.getTime(), BigDecimal.ZERO, BigDecimal.ZERO));
            } else {
                add(day(byDay, left, zone), key("ended", stay.getString("stage")),
                        new Row(1, left.getTime() - entered.getTime(), BigDecimal.ZERO, BigDecimal.ZERO));
            }
        }
        Date openedAt = deal.getDate("openedAt");
        int furthest = furthest(deal);
        if (furthest >= 0) {
            add(day(byDay, openedAt, zone), key("furthest", String.valueOf(furthest)), count());
        }
        Date closedAt = deal.getDate("closedAt");
        if ("WON".equals(deal.getString("status"))) {
            long cycle = openedAt == null || closedAt == null ? 0 : closedAt.getTime() - openedAt.getTime();
            add(day(byDay, closedAt, zone), "won", new Row(1, cycle, BigDecimal.ZERO, BigDecimal.ZERO));
        } else if ("LOST".equals(deal.getString("status"))) {
            add(day(byDay, closedAt, zone), "lost", count());
        }
        String id = String.valueOf(deal.get("_id"));
        for (Document slip : deal.getList("slips", Document.class, List.of())) {
            if (slip.getString("from") != null && Docs.later(slip.getString("to"), slip.getString("from"))) {
                add(day(byDay, slip.getDate("at"), zone), key("slipped", id), count());
            }
        }
        for (Document change : deal.getList("amountChanges", Document.class, List.of())) {
            if (Docs.amount(change.get("to")).compareTo(Docs.amount(change.get("from"))) < 0) {
                add(day(byDay, change.getDate("at"), zone), key("cut", id), count());
            }
        }
        for (String[] filter : filters) {
            String prefix = filter[0] + "|" + filter[1] + "|";
            if (!openRows.isEmpty()) {
                totals.put("open|" + prefix, openRows);
            }
            byDay.forEach((day, rows) -> totals.put("day|" + prefix + day, rows));
        }
        return totals;
    }

    private static void openDeal(Document deal, Map<String, Row> rows) {
        String currency = String.valueOf(deal.getString("currency"));
        BigDecimal amount = WeightedAmount.rounded(Docs.amount(deal.get("amount")));
        int probability = deal.getInteger("probability", 0);
        // an amount whose cents do not fit a long is counted but not summed (WeightedAmount, as the reporting index)
        Row row = amount == null ? count() : new Row(1, 0, amount, WeightedAmount.weighted(amount, probability));
        String date = deal.getString("expectedCloseDate");
        add(rows, key("total", currency), row);
        add(rows, key("stage", String.valueOf(deal.getString("stage")), currency), row);
        add(rows, key("owner", String.valueOf(deal.getString("ownerId")), currency), row);
        add(rows, key("region", String.valueOf(deal.getString("region")), currency), row);
        add(rows, key("month", date == null || date.length() < 7 ? PipelineController.NO_MONTH : date.substring(0, 7), currency), row);
    }

    /** The furthest of the open stages and WON the deal reached (its index in that order), -1 for none. */
    private static int furthest(Document deal) {
        List<Stage> steps = new ArrayList<>(OPEN_STAGES);
        steps.add(Stage.WON);
        int furthest = -1;
        for (String stage : deal.getList("reached", String.class, List.of())) {
            furthest = Math.max(furthest, stage == null ? -1 : indexOf(steps, stage));
        }
        return furthest;
    }

    private static int indexOf(List<Stage> steps, String stage) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(stage)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isOpenStage(String stage) {
        return indexOf(OPEN_STAGES, stage) >= 0;
    }

    /**
     * The filter combinations a deal counts in, as {@code _id} parts: unfiltered, by its owner, by its region, by both
     * (when it has them; a filter never matches a missing value).
     */
    private static List<String[]> filters(String owner, String region) {
        List<String[]> filters = new ArrayList<>();
        filters.add(new String[]{ANY, ANY});
        if (owner != null) {
            filters.add(new String[]{part(owner), ANY});
        }
        if (region != null) {
            filters.add(new String[]{ANY, part(region)});
        }
        if (owner != null && region != null) {
            filters.add(new String[]{part(owner), part(region)});
        }
        return filters;
    }

    /** The {@code _id} prefix of the total documents of one filter combination ({@code null}: not filtered). */
    static String prefix(String kind, String owner, String region) {
        return kind + "|" + (owner == null ? ANY : part(owner)) + "|" + (region == null ? ANY : part(region)) + "|";
    }


    private static Map<String, Row> day(Map<String, Map<String, Row>> byDay, Date at, ZoneId zone) {
        String day = dayOf(at, zone);
        // no instant, or a day outside the years 0000-9999: in no report period, counted nowhere
        return day == null ? new TreeMap<>() : byDay.computeIfAbsent(day, d -> new TreeMap<>());
    }

    static String dayOf(Date at, ZoneId zone) {
        if (at == null) {
            return null;
        }
        try {
            LocalDate day = LocalDate.ofInstant(at.toInstant(), zone);
            return day.getYear() < 0 || day.getYear() > 9999 ? null : day.toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The rows of a stored total document, by key. */
    static Map<String, Row> rows(Document total) {
        Map<String, Row> rows = new TreeMap<>();
        for (Document row : total.getList("rows", Document.class, List.of())) {
            rows.put(row.getString("k"), new Row(((Number) row.get("n")).longValue(), ((Number) row.get("ms")).longValue(),
                    Docs.amount(row.get("a")), Docs.amount(row.get("w"))));
        }
        return rows;
    }

    /** Rows to store, in key order, zero rows left out. */
    static List<Document> stored(Map<String, Row> rows) {
        List<Document> stored = new ArrayList<>(rows.size());
        rows.forEach((key, row) -> {
            if (!row.isZero()) {
                stored.add(new Document("k", key).append("n", row.count()).append("ms", row.millis())
                        .append("a", Docs.decimal(row.amount())).append("w", Docs.decimal(row.weighted())));
            }
        });
        return stored;
    }

    private static Row count() {
        return new Row(1, 0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private static void add(Map<String, Row> rows, String key, Row row) {
        rows.merge(key, row, (a, b) -> a.plus(b, 1));
    }

    /** A row key or id part: {@code %}, {@code |} and {@code *} escaped, so parts never run into each other. */
    static String part(String value) {
        return value.replace("%", "%25").replace("|", "%7C").replace("*", "%2A");
    }

    static String unpart(String value) {
        return value.replace("%2A", "*").replace("%7C", "|").replace("%25", "%");
    }

    static String key(String kind, String... values) {
        StringBuilder key = new StringBuilder(kind);
        for (String value : values) {
            key.append('|').append(part(value));
        }
        return key.toString();
    }
}
