package dev.kehu.query.web;

import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The pieces the list and report controllers build their rows and filters from: a row of a view document's
 * fields, a row as the answer shows it
 * (its internal {@code _id} under a public name), one row per group of figures, and a filter that applies only
 * when the caller gave a value.
 */
public final class ViewRows {

    private ViewRows() {
    }

    /** A row of these fields of the view document, in this order, as JSON values (a missing field as null). */
    public static Map<String, Object> fieldsOf(Document document, String... fields) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String field : fields) {
            row.put(field, ViewJson.value(document.get(field)));
        }
        return row;
    }

    /**
     * The row as the answer shows it: the internal {@code _id} first under {@code idName} (left out when
     * {@code idName} is null), then the other fields in their order, without the {@code hidden} ones.
     */
    public static Map<String, Object> published(Map<String, Object> row, String idName, String... hidden) {
        Set<String> left = Set.of(hidden);
        Map<String, Object> item = new LinkedHashMap<>();
        if (idName != null) {
            item.put(idName, row.get("_id"));
        }
        row.forEach((key, value) -> {
            if (!key.equals("_id") && !left.contains(key)) {
                item.put(key, value);
            }
        });
        return item;
    }

    /** One row per group, in the map's order: the group's key under {@code keyName}, then its figures. */
    public static List<Map<String, Object>> perGroup(String keyName, Map<String, Map<String, Object>> groups) {
        List<Map<String, Object>> rows = new ArrayList<>();
        groups.forEach((key, figures) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(keyName, key);
            row.putAll(figures);
            rows.add(row);
        });
        return rows;
    }

    /** Adds {@code field = value} to {@code filters} unless the caller left the value out (null or blank). */
    public static void equalIfGiven(List<Bson> filters, String field, String value) {
        if (value != null && !value.isBlank()) {
            filters.add(Filters.eq(field, value));
        }
    }
}
