package dev.kehu.infra.embedded.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Writes, reads and orders one key value (an {@code _id}, or one field of an index key) in MongoDB's order.
 * Longs, ints, doubles and strings, the keys this application uses, have a short form and a comparison without
 * lookups; anything else is stored as a one-field BSON document and ordered by mongo-java-server's
 * {@link ValueComparator}, the order its own queries use.
 */
final class KeyCodec {

    private static final byte OTHER = 0;
    private static final byte LONG = 1;
    private static final byte STRING = 2;
    private static final byte MISSING = 3;
    private static final byte INT = 4;
    private static final byte DOUBLE = 5;
    private static final String FIELD = "v";

    static final Comparator<Object> ORDER = KeyCodec::compare;

    private KeyCodec() {
    }

    static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return ValueComparator.ascWithoutListHandling().compare(x, y);
        }
        return ValueComparator.ascWithoutListHandling().compare(a, b);
    }

    static void write(WriteBuffer buffer, Object value) {
        if (value instanceof Long number) {
            buffer.put(LONG).putLong(number);
        } else if (value instanceof String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            buffer.put(STRING).putVarInt(bytes.length).put(bytes);
        } else if (value instanceof Integer number) {
            buffer.put(INT).putInt(number);
        } else if (value instanceof Double number) {
            buffer.put(DOUBLE).putDouble(number);
        } else if (Missing.isNullOrMissing(value)) {
            buffer.put(MISSING);
        } else {
            byte[] bytes = BsonBytes.encode(new Document(FIELD, value));
            buffer.put(OTHER).putVarInt(bytes.length).put(bytes);
        }
    }

    static Object read(ByteBuffer buffer) {
        byte tag = buffer.get();
        switch (tag) {
            case LONG:
                return buffer.getLong();
            case INT:
                return buffer.getInt();
            case DOUBLE:
                return buffer.getDouble();
            case MISSING:
                return Missing.getInstance();
            case STRING: {
                byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
                buffer.get(bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case OTHER: {
                byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
                buffer.get(bytes);
                return BsonBytes.decode(bytes).get(FIELD);
            }
            default:
                throw new IllegalStateException("Unknown key tag " + tag + " in the data file");
        }
    }

    /** A rough size in memory, for the page cache's accounting. */
    static int memory(Object value) {
        if (value instanceof String text) {
            return 48 + 2 * text.length();
        }
        if (value instanceof Number || Missing.isNullOrMissing(value)) {
            return 24;
        }
        return 128;
    }
}
