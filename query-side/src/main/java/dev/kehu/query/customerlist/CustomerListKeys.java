package dev.kehu.query.customerlist;

import dev.kehu.query.projection.ViewWriter;
import dev.kehu.query.web.SortKeys;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer list's sort keys by name and by last interaction ({@value #COLLECTION}): per customer not merged one
 * document for each sort and direction, {@code _id} {@link SortKeys#key} of the value (a missing value first going up,
 * last going down; ties by customer id), holding the customer id and the fields the list filters on, so a page is one
 * {@code _id} range read ({@code KeyPaging}) and the page's customers are then read by {@code _id}. Written by
 * {@link CustomerListProjection}; a change that moves a key (or a merge) deletes the old key document. The twelve-month
 * spend sort changes with "today", not with events, so it has no keys: it is still sorted when read.
 */
public final class CustomerListKeys {

    public static final String COLLECTION = "customer_list_keys";
    /** The sorts with keys ({@code -}: descending) and the field each orders by. */
    public static final Map<String, String> ORDERS = Map.of("name", "name", "-name", "name",
            "lastInteraction", "lastInteractionOn", "-lastInteraction", "lastInteractionOn");
    /** The customer's fields a key document carries (besides {@code id}): what the list filters on. */
    static final List<String> FILTERS = List.of("region", "segment", "tier", "accountManager", "lifecycle", "tags");

    private CustomerListKeys() {
    }

    /** The key documents of a customer list document (none for null or a merged customer), by {@code _id}. */
    public static Map<String, Document> documents(Document customer) {
        Map<String, Document> documents = new LinkedHashMap<>();
        if (customer == null || customer.getBoolean("merged", false)) {
            return documents;
        }
        String id = String.valueOf(customer.get("_id"));
        Document fields = new Document("id", id);
        for (String field : FILTERS) {
            fields.put(field, customer.get(field));
        }
        ORDERS.forEach((order, field) -> documents.put(
                SortKeys.key(order, customer.getString(field), order.startsWith("-"), id), fields));
        return documents;
    }

    /** Moves the customer's key documents from what {@code before} gave to what {@code after} gives. */
    static void write(ViewWriter views, TrackingToken token, Document before, Document after) {
        views.moveKeys(COLLECTION, token, documents(before), documents(after));
    }
}
