package dev.kehu.query.pipeline;

import dev.kehu.query.projection.Docs;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The sort keys of the opportunity list ({@code GET /api/opportunities}), kept on each {@code pipeline_opportunities}
 * document so a page is read by key: a range on one field in its order, never a sort of the collection. Each key is
 * a string that sorts as its value and ends with the opportunity id, so it is unique (a unique index serves it on
 * MongoDB and on the embedded server) and a cursor is just the last key of a page.
 * <ul>
 *   <li>{@value #AMOUNT}: the amount in cents, zero-padded to 20 digits (in the deal's own currency; an amount
 *       whose cents do not fit a long, or a negative one, sorts as 0);</li>
 *   <li>{@value #CLOSE}: the expected close date, {@code 9999-12-31} when it has none (last);</li>
 *   <li>{@value #CHANGED}: when an event last changed the deal, epoch milliseconds zero-padded to 15 digits.</li>
 * </ul>
 */
public final class OpportunityListKeys {

    public static final String AMOUNT = "amountKey";
    public static final String CLOSE = "closeKey";
    public static final String CHANGED = "changedKey";
    public static final List<String> ALL = List.of(AMOUNT, CLOSE, CHANGED);

    private OpportunityListKeys() {
    }

    /** Stamps the deal as changed at {@code at} and recomputes its keys from its fields. */
    static void changed(Document doc, Instant at) {
        Date when = Docs.instant(at);
        if (when != null) {
            doc.put("changedAt", when);
        }
        String id = String.valueOf(doc.get("_id"));
        Long cents = Docs.cents(Docs.amount(doc.get("amount")));
        doc.put(AMOUNT, String.format("%020d", cents == null || cents < 0 ? 0 : cents) + "|" + id);
        String close = doc.getString("expectedCloseDate");
        doc.put(CLOSE, (close == null ? "9999-12-31" : close) + "|" + id);
        Date changed = doc.getDate("changedAt");
        doc.put(CHANGED, String.format("%015d", changed == null ? 0 : Math.max(0, changed.getTime())) + "|" + id);
    }
}
