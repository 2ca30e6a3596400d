package dev.kehu.infra.eventstore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bson.RawBsonDocument;

/**
 * Reads BSON values straight from the bytes of a document (BSON is little-endian), for the stream's hot path: no
 * reader objects, no field-name strings. Offsets point at a value's first byte; a document's or array's offset at
 * its length prefix.
 */
final class BsonBytes {

    static final byte DOUBLE = 0x01;
    static final byte STRING = 0x02;
    static final byte DOCUMENT = 0x03;
    static final byte ARRAY = 0x04;
    static final byte BINARY = 0x05;
    static final byte OBJECT_ID = 0x07;
    static final byte BOOLEAN = 0x08;
    static final byte DATE_TIME = 0x09;
    static final byte NULL = 0x0A;
    static final byte INT32 = 0x10;
    static final byte INT64 = 0x12;
    static final byte DECIMAL128 = 0x13;

    private BsonBytes() {
    }

    /** The backing array of a raw document and the offset of its first byte in it. */
    record Slice(byte[] bytes, int offset) {
        static Slice of(RawBsonDocument document) {
            ByteBuffer buffer = document.getByteBuffer().asNIO();
            return new Slice(buffer.array(), buffer.arrayOffset() + buffer.position());
        }
    }

    static int int32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | b[p + 3] << 24;
    }

    static long int64(byte[] b, int p) {
        return (int32(b, p) & 0xffffffffL) | (long) int32(b, p + 4) << 32;
    }

    static double float64(byte[] b, int p) {
        return Double.longBitsToDouble(int64(b, p));
    }

    /** The offset of the NUL that ends the C string starting at {@code p}. */
    static int cStringEnd(byte[] b, int p) {
        while (b[p] != 0) {
            p++;
        }
        return p;
    }

    /** The BSON string (length prefix, UTF-8 bytes, NUL) at {@code p}. */
    static String string(byte[] b, int p) {
        return new String(b, p + 4, int32(b, p) - 1, StandardCharsets.UTF_8);
    }

    /** Whether the {@code length} bytes at {@code p} spell {@code name} (ASCII). */
    static boolean nameEquals(byte[] b, int p, int length, byte[] name) {
        if (length != name.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[p + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** Field names seen, by a hash of their bytes; a slot holds the latest name that hashed to it. */
    private static final NameEntry[] NAMES = new NameEntry[4096];

    private record NameEntry(byte[] bytes, String name) {
    }

    /**
     * The field name spelled by the bytes from {@code start} to {@code end}, as one String per name seen: Jackson
     * looks every property up by name, and a String it has seen before has its hash already computed.
     */
    static String name(byte[] b, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + b[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (NAMES.length - 1);
        NameEntry entry = NAMES[slot]; // entries are immutable; a race only costs a new String
        if (entry != null && Arrays.equals(entry.bytes(), 0, entry.bytes().length, b, start, end)) {
            return entry.name();
        }
        String name = new String(b, start, end - start, StandardCharsets.UTF_8);
        NAMES[slot] = new NameEntry(Arrays.copyOfRange(b, start, end), name);
        return name;
    }

    static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /** The size in bytes of a value of BSON type {@code type} at {@code p}. */
    static int valueSize(byte type, byte[] b, int p) {
        return switch (type) {
            case DOUBLE, DATE_TIME, INT64, 0x11 /* timestamp */ -> 8;
            case STRING, 0x0D /* JavaScript */, 0x0E /* symbol */ -> 4 + int32(b, p);
            case DOCUMENT, ARRAY, 0x0F /* JavaScript with scope */ -> int32(b, p);
            case BINARY -> 5 + int32(b, p);
            case 0x06 /* undefined */, NULL, (byte) 0xFF /* min key */, 0x7F /* max key */ -> 0;
            case OBJECT_ID -> 12;
            case BOOLEAN -> 1;
            case 0x0B /* regular expression: pattern and options */ -> {
                int patternEnd = cStringEnd(b, p);
                yield cStringEnd(b, patternEnd + 1) + 1 - p;
            }
            case 0x0C /* DBPointer */ -> 4 + int32(b, p) + 12;
            case INT32 -> 4;
            case DECIMAL128 -> 16;
            default -> throw new IllegalArgumentException("Not a BSON type: " + type);
        };
    }
}
