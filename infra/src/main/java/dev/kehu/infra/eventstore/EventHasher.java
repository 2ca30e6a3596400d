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
 *
 * <p>The canonical form (frozen by {@code EventHasherGoldenVectorsTest}; docs/event-store.md): keys sorted by
 * {@link String#compareTo} (UTF-16 code units); strings in double quotes with {@code "} {@code \} and control
 * characters escaped, everything else as is, the whole encoded as UTF-8; int32, int64 and date-times as decimal
 * integers; doubles as {@link Double#toString}; Decimal128 as its own string form, which keeps scale and exponent
 * ({@code 100}, {@code 100.00} and {@code 1E+2} differ); binary as Base64 in quotes; null and a missing field
 * differ (a missing field is simply absent).
 *
 * <p>A string holding a lone UTF-16 surrogate has no UTF-8 form, so BSON cannot store it: it would come back as
 * U+FFFD and its event would look altered ever after. Hashing such a string is refused
 * ({@link UnstorableStringException}), before anything is written.
 */
public final class EventHasher {

    private EventHasher() {
    }

    /** The hash of a stored (or about to be stored) event document, given the hash of its predecessor. */
    public static String hash(String prevHash, BsonDocument event) {
        return sha256(prevHash == null ? "" : prevHash, canonical(event));
    }

    /** The canonical JSON text of an event document (its UTF-8 bytes are hashed). */
    static String canonical(BsonDocument event) {
        StringBuilder canonical = new StringBuilder(256);
        canonical.append("{\"aggregateId\":");
        appendString(canonical, event.getString(EventFields.AGGREGATE_ID).getValue());
        canonical.append(",\"eventId\":");
        appendString(canonical, event.getString(EventFields.EVENT_ID).getValue());
        canonical.append(",\"metadata\":");
        appendCanonical(canonical, event.get(EventFields.METADATA), EventFields.METADATA);
        canonical.append(",\"payload\":");
        appendCanonical(canonical, event.get(EventFields.PAYLOAD), EventFields.PAYLOAD);
        canonical.append(",\"revision\":");
        appendCanonical(canonical, event.get(EventFields.REVISION));
        canonical.append(",\"seq\":");
        canonical.append(event.getNumber(EventFields.SEQ).longValue());
        canonical.append(",\"timestamp\":");
        canonical.append(event.getDateTime(EventFields.TIMESTAMP).getValue());
        canonical.append(",\"type\":");
        appendCanonical(canonical, event.get(EventFields.TYPE));
        canonical.append('}');
        return canonical.toString();
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

    private static void appendCanonical(StringBuilder out, BsonValue value, String field) {
        try {
            appendCanonical(out, value);
        } catch (UnstorableStringException e) {
            throw e.within(field);
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
                    try {
                        appendString(out, field.getKey());
                        out.append(':');
                        appendCanonical(out, field.getValue());
                    } catch (UnstorableStringException e) {
                        throw e.within(field.getKey()); // rare: names the field only on failure
                    }
                }
                out.append('}');
                return;
            }
            case ARRAY: {
                out.append('[');
                int index = 0;
                for (BsonValue element : value.asArray()) {
                    if (index > 0) {
                        out.append(',');
                    }
                    appendCanonical(out, element, Integer.toString(index++));
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
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i)); // a pair: one code point beyond U+FFFF (emoji)
                        } else {
                            throw new UnstorableStringException(i, c);
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
