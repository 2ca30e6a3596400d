package dev.kehu.query.web;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns view documents into plain JSON values: Decimal128 → BigDecimal, BSON dates → ISO-8601 strings. */
public final class ViewJson {

    private ViewJson() {
    }

    public static Map<String, Object> toJson(Document document) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : document.entrySet()) {
            json.put(entry.getKey(), value(entry.getValue()));
        }
        return json;
    }

    /** The view as JSON with its {@code _id} under {@code idName} (moved to the end, as the answers have always had it). */
    public static Map<String, Object> toJson(Document view, String idName) {
        Map<String, Object> json = toJson(view);
        json.put(idName, json.remove("_id"));
        return json;
    }

    public static Object value(Object value) {
        if (value instanceof Document document) {
            return toJson(document);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> json = new LinkedHashMap<>();
            map.forEach((k, v) -> json.put(String.valueOf(k), value(v)));
            return json;
        }
        if (value instanceof List<?> list) {
            List<Object> json = new ArrayList<>(list.size());
            list.forEach(v -> json.add(value(v)));
            return json;
        }
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof ObjectId id) {
            return id.toHexString();
        }
        return value;
    }
}
