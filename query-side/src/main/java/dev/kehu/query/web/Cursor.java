package dev.kehu.query.web;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque, stable page cursor: the sort key and {@code _id} of the last item of a page, as
 * base64url-encoded extended JSON. The next page starts strictly after that (key, id) pair, so
 * inserts and updates between pages neither repeat nor skip unchanged items.
 */
public record Cursor(Object key, String id) {

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    public String encode() {
        String json = new Document("k", key).append("i", id).toJson(JSON);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String parameter, String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return null;
        }
        try {
            Document document = Document.parse(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
            String id = document.getString("i");
            if (id == null) {
                throw new IllegalArgumentException("no id");
            }
            return new Cursor(document.get("k"), id);
        } catch (RuntimeException e) {
            throw new InvalidQueryParameter(parameter, "is not a cursor this API issued");
        }
    }
}
