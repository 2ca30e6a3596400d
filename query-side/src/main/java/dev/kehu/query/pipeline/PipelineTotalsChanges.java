package dev.kehu.query.pipeline;

import dev.kehu.query.pipeline.PipelineTotals.Row;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * The changes one event makes to the pipeline totals: for every deal it changed, its contribution after minus its
 * contribution before ({@link PipelineTotals#of}), summed, then written with one {@link ViewWriter#upsert} per total
 * document (one change per document per event, so {@code appliedPosition} makes a redelivered event harmless).
 * <p>
 * Why this stays right when a batch's write fails half-way: the total documents ({@code *_totals}) are written
 * before the deals of the same batch ({@code ViewBatch}), so a retried event finds its deals unchanged and its
 * differences again; the totals that were written already skip it by their {@code appliedPosition}.
 */
final class PipelineTotalsChanges {

    private final ZoneId zone;
    private final Map<String, Map<String, Row>> changes = new TreeMap<>();

    PipelineTotalsChanges(ZoneId zone) {
        this.zone = zone;
    }

    /** Adds what a deal's change from {@code before} (null: new) to {@code after} makes to the totals. */
    void deal(Document before, Document after) {
        add(PipelineTotals.of(after, zone), 1);
        add(PipelineTotals.of(before, zone), -1);
    }

    private void add(Map<String, Map<String, Row>> totals, int sign) {
        totals.forEach((id, rows) -> {
            Map<String, Row> changed = changes.computeIfAbsent(id, x -> new TreeMap<>());
            rows.forEach((key, row) -> changed.merge(key, Row.ZERO.plus(row, sign), (a, b) -> a.plus(b, 1)));
        });
    }

    /** Writes the changes: each total document once, its rows in key order, rows that came to zero left out. */
    void write(ViewWriter views, TrackingToken token) {
        changes.forEach((id, rows) -> {
            if (rows.values().stream().allMatch(Row::isZero)) {
                return;
            }
            views.upsert(PipelineTotals.COLLECTION, id, token, doc -> {
                Map<String, Row> current = PipelineTotals.rows(doc);
                rows.forEach((key, row) -> current.merge(key, row, (a, b) -> a.plus(b, 1)));
                doc.put("rows", PipelineTotals.stored(current));
            });
        });
    }
}
