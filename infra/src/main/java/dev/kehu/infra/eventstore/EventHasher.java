package dev.kehu.infra.eventstore;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The hash chain of an aggregate's events. {@code hash = SHA-256(prevHash + "\n" + canonical bytes)}, where the
 * canonical bytes are a JSON object with sorted keys holding {@code aggregateId, eventId, metadata, payload,
 * revision, seq, timestamp (epoch millis), type}; nested documents also have their keys sorted. The bytes are
 * computed from the stored BSON form, so writer and verifier see exactly the same input.
 */
public final class EventHasher {

    private EventHasher() {
    }

    /** The hash of a stored (or about to be stored) event document, given the hash of its predecessor. */
    public static String hash(String prevHash, BsonDocument event) {
        StringBuilder canonical = new StringBuilder(256);
        canonical.append("{\"aggregateId\":");
        appendString(canonical, event.getString(EventFields.AGGREGATE_ID).getValue());
        canonical.append(",\"eventId\":");
        appendString(canonical, event.getString(EventFields.EVENT_ID).getValue());
        canonical.append(",\"metadata\":");
        appendCanonical(canonical, event.get(EventFields.METADATA));
        canonical.append(",\"payload\":");
        appendCanonical(canonical, event.get(EventFields.PAYLOAD));
        canonical.append(",\"revision\":");
        appendCanonical(canonical, event.get(EventFields.REVISION));
        canonical.append(",\"seq\":");
        canonical.append(event.getNumber(EventFields.SEQ).longValue());
        canonical.append(",\"timestamp\":");
        canonical.append(event.getDateTime(EventFields.TIMESTAMP).getValue());
        canonical.append(",\"type\":");
        appendCanonical(canonical, event.get(EventFields.TYPE));
        canonical.append('}');
        return sha256(prevHash == null ? "" : prevHash, canonical.toString());
    }

    private static String sha256(String prevHash, String canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(prevHash.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }

    static void appendCanonical(StringBuilder out, BsonValue value) {
        if (value == null || value.isNull()) {
            out.append("null");
            return;
        }
        switch (value.getBsonType()) {
            case DOCUMENT: {
                List<Map.Entry<String, BsonValue>> fields = new ArrayList<>(value.asDocument().entrySet());
                fields.sort(Map.Entry.comparingByKey());
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, BsonValue> field : fields) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    appendString(out, field.getKey());
                    out.append(':');
                    appendCanonical(out, field.getValue());
                }
                out.append('}');
                return;
            }
            case ARRAY: {
                out.append('[');
                boolean first = true;
                for (BsonValue element : value.asArray()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    appendCanonical(out, element);
                }
                out.append(']');
                return;
            }
            case STRING:
                appendString(out, value.asString().getValue());
                return;
            case BOOLEAN:
                out.append(value.asBoolean().getValue());
                return;
            case INT32:
                out.append(value.asInt32().getValue());
                return;
            case INT64:
                out.append(value.asInt64().getValue());
                return;
            case DOUBLE:
                out.append(Double.toString(value.asDouble().getValue()));
                return;
            case DECIMAL128:
                out.append(value.asDecimal128().getValue().toString());
                return;
            case DATE_TIME:
                out.append(value.asDateTime().getValue());
                return;
            case BINARY:
                appendString(out, java.util.Base64.getEncoder().encodeToString(value.asBinary().getData()));
                return;
            default:
                appendString(out, value.toString());
        }
    }

    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
