package dev.kehu.query.pipeline;

import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ViewWriter;
import dev.kehu.query.web.SortKeys;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * The list reads them from {@value #COLLECTION}: per deal one document for each sort and direction, {@code _id}
 * {@link SortKeys#key} of the order's key, holding the deal's id and the fields the list shows and filters on, so a
 * page is one {@code _id} range read. A change that moves a key deletes the old key document.
 */
public final class OpportunityListKeys {

    public static final String COLLECTION = "opportunity_list_keys";
    /** The sorts of the list ({@code -}: descending) and the key each orders by. */
    public static final Map<String, String> ORDERS = orders();
    /** The deal's fields a key document carries (besides {@code id}). */
    static final List<String> FIELDS = List.of("customerId", "title", "ownerId", "region", "stage", "status", "priority",
            "probability", "expectedCloseDate", "amount", "currency", "changedAt");

    public static final String AMOUNT = "amountKey";
    public static final String CLOSE = "closeKey";
    public static final String CHANGED = "changedKey";
    public static final List<String> ALL = List.of(AMOUNT, CLOSE, CHANGED);

    private OpportunityListKeys() {
    }

    private static Map<String, String> orders() {
        Map<String, String> orders = new LinkedHashMap<>();
        orders.put("amount", AMOUNT);
        orders.put("-amount", AMOUNT);
        orders.put("expectedClose", CLOSE);
        orders.put("-expectedClose", CLOSE);
        orders.put("lastChange", CHANGED);
        orders.put("-lastChange", CHANGED);
        return orders;
    }

    /** The key documents of a deal (none for null), by {@code _id}. */
    static Map<String, Document> documents(Document deal) {
        Map<String, Document> documents = new LinkedHashMap<>();
        if (deal == null) {
            return documents;
        }
        String id = String.valueOf(deal.get("_id"));
        Document fields = new Document("id", id);
        for (String field : FIELDS) {
            fields.put(field, deal.get(field));
        }
        ORDERS.forEach((order, key) -> {
            String value = deal.getString(key);
            if (value != null) {
                documents.put(SortKeys.key(order, value, order.startsWith("-"), id), fields);
            }
        });
        return documents;
    }

    /** Moves the deal's key documents from what {@code before} gave to what {@code after} gives. */
    static void write(ViewWriter views, TrackingToken token, Document before, Document after) {
        views.moveKeys(COLLECTION, token, documents(before), documents(after));
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
