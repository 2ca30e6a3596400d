package dev.kehu.infra.audit.proof;

import dev.kehu.infra.eventstore.EventFields;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Recomputes an event's hash straight from the bytes of its stored BSON document, without decoding it into a tree:
 * the canonical JSON of {@code EventHasher} (docs/event-store.md, "The hash's canonical form") is written byte by
 * byte into a reused buffer and fed to SHA-256. The whole-log verification does this for every event, and decoding
 * a million documents into trees only to print them again cost as much as the hashing itself.
 *
 * <p>Only the common case is handled here: every value of a BSON type the canonical form names, keys in ASCII, no
 * key twice in a document, the hash fields hex strings. Anything else answers {@code null}, and the caller hashes
 * the decoded document with {@code EventHasher} itself, so both paths give the same answer for every document
 * ({@code RawEventHashTest} compares them). Strings are copied as their UTF-8 bytes with the canonical escapes;
 * a string with bytes beyond ASCII is decoded and encoded again first, as the tree path does (a malformed sequence
 * becomes U+FFFD in both).
 */
final class RawEventHash {

    private static final byte DOUBLE = 0x01;
    private static final byte STRING = 0x02;
    private static final byte DOCUMENT = 0x03;
    private static final byte ARRAY = 0x04;
    private static final byte BINARY = 0x05;
    private static final byte BOOLEAN = 0x08;
    private static final byte DATE_TIME = 0x09;
    private static final byte NULL = 0x0A;
    private static final byte INT32 = 0x10;
    private static final byte INT64 = 0x12;
    private static final byte DECIMAL128 = 0x13;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Per thread: the canonical text being written and the digest (both reused, event after event). */
    private static final ThreadLocal<RawEventHash> PER_THREAD = ThreadLocal.withInitial(RawEventHash::new);

    /** Not the common case: the caller decodes the document and uses the tree path. */
    private static final class Unusual extends RuntimeException {
        private static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super(null, null, false, false);
        }
    }

    private final MessageDigest sha = MerkleHash.sha256();
    private byte[] out = new byte[4096];
    private int size;

    private RawEventHash() {
    }

    /** The event's fields, recomputed hash and Merkle leaf; null when the document needs the tree path. */
    static LogScanner.Read of(RawBsonDocument document) {
        ByteBuffer buffer = document.getByteBuffer().asNIO();
        try {
            return PER_THREAD.get().read(buffer.array(), buffer.arrayOffset() + buffer.position());
        } catch (Unusual | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private LogScanner.Read read(byte[] b, int start) {
        int end = start + int32(b, start) - 1;
        int id = -1, aggregateId = -1, eventId = -1, seq = -1, timestamp = -1, type = -1, revision = -1;
        int payload = -1, metadata = -1, hash = -1, prevHash = -1, abandoned = -1;
        int p = start + 4;
        while (p < end) {
            byte kind = b[p];
            int name = p + 1;
            int value = cStringEnd(b, name) + 1;
            switch (name(b, name, value - 1)) {
                case EventFields.ID -> id = p;
                case EventFields.AGGREGATE_ID -> aggregateId = p;
                case EventFields.EVENT_ID -> eventId = p;
                case EventFields.SEQ -> seq = p;
                case EventFields.TIMESTAMP -> timestamp = p;
                case EventFields.TYPE -> type = p;
                case EventFields.REVISION -> revision = p;
                case EventFields.PAYLOAD -> payload = p;
                case EventFields.METADATA -> metadata = p;
                case EventFields.HASH -> hash = p;
                case EventFields.PREV_HASH -> prevHash = p;
                case EventFields.ABANDONED -> abandoned = p;
                default -> {
                }
            }
            p = skip(b, kind, value);
        }
        if (id < 0 || aggregateId < 0 || b[aggregateId] != STRING || seq < 0 || hash < 0 || b[hash] != STRING
                || prevHash < 0 || b[prevHash] != STRING || eventId < 0 || b[eventId] != STRING
                || timestamp < 0 || b[timestamp] != DATE_TIME || (abandoned >= 0 && b[abandoned] != BOOLEAN)) {
            throw Unusual.INSTANCE; // markers, malformed or tampered documents: the tree path names them
        }
        size = 0;
        append("{\"aggregateId\":");
        writeValue(b, aggregateId);
        append(",\"eventId\":");
        writeValue(b, eventId);
        append(",\"metadata\":");
        writeValue(b, metadata);
        append(",\"payload\":");
        writeValue(b, payload);
        append(",\"revision\":");
        writeValue(b, revision);
        append(",\"seq\":");
        long seqValue = integer(b, seq);
        append(Long.toString(seqValue));
        append(",\"timestamp\":");
        append(Long.toString(int64(b, valueAt(b, timestamp))));
        append(",\"type\":");
        writeValue(b, type);
        append('}');
        String storedHash = string(b, hash);
        String storedPrev = string(b, prevHash);
        if (storedHash.length() != 64) {
            throw Unusual.INSTANCE; // its leaf is the marker form: the tree path computes it
        }
        byte[] leaf;
        try {
            leaf = MerkleHash.leaf(HexFormat.of().parseHex(storedHash));
        } catch (IllegalArgumentException notHex) {
            throw Unusual.INSTANCE;
        }
        sha.reset();
        sha.update(storedPrev.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        sha.update(out, 0, size);
        String recomputed = HexFormat.of().formatHex(sha.digest());
        boolean isAbandoned = abandoned >= 0 && b[valueAt(b, abandoned)] != 0;
        if (abandoned >= 0 && (b[valueAt(b, abandoned)] & 0xff) > 1) {
            throw Unusual.INSTANCE;
        }
        return new LogScanner.Read(integer(b, id), string(b, aggregateId), seqValue, isAbandoned, storedHash,
                storedPrev,
                recomputed, leaf);
    }

    /** Writes the canonical text of the element at {@code element} (its type byte); -1: an absent field, null. */
    private void writeValue(byte[] b, int element) {
        if (element < 0) {
            append("null");
            return;
        }
        writeValue(b, b[element], valueAt(b, element));
    }

    private void writeValue(byte[] b, byte kind, int v) {
        switch (kind) {
            case STRING -> writeString(b, v + 4, int32(b, v) - 1);
            case DOCUMENT -> writeDocument(b, v);
            case ARRAY -> writeArray(b, v);
            case INT32 -> append(Integer.toString(int32(b, v)));
            case INT64, DATE_TIME -> append(Long.toString(int64(b, v)));
            case DOUBLE -> append(Double.toString(Double.longBitsToDouble(int64(b, v))));
            case DECIMAL128 -> append(Decimal128.fromIEEE754BIDEncoding(int64(b, v + 8), int64(b, v)).toString());
            case BOOLEAN -> {
                if ((b[v] & 0xff) > 1) {
                    throw Unusual.INSTANCE;
                }
                append(b[v] != 0 ? "true" : "false");
            }
            case NULL -> append("null");
            case BINARY -> {
                if (b[v + 4] == 0x02) {
                    throw Unusual.INSTANCE; // the old binary subtype carries a second length
                }
                append('"');
                append(Base64.getEncoder().encodeToString(Arrays.copyOfRange(b, v + 5, v + 5 + int32(b, v))));
                append('"');
            }
            default -> throw Unusual.INSTANCE;
        }
    }

    /** Keys sorted (ASCII keys: byte order is {@code String.compareTo} order), each once. */
    private void writeDocument(byte[] b, int start) {
        int end = start + int32(b, start) - 1;
        int count = 0;
        int[] elements = new int[16];
        for (int p = start + 4; p < end; ) {
            if (count == elements.length) {
                elements = Arrays.copyOf(elements, count * 2);
            }
            elements[count++] = p;
            int nameEnd = cStringEnd(b, p + 1);
            for (int i = p + 1; i < nameEnd; i++) {
                if (b[i] < 0) {
                    throw Unusual.INSTANCE; // a key beyond ASCII: sorted by UTF-16 units on the tree path
                }
            }
            p = skip(b, b[p], nameEnd + 1);
        }
        sortByKey(b, elements, count);
        append('{');
        for (int i = 0; i < count; i++) {
            int element = elements[i];
            if (i > 0) {
                if (compareKeys(b, elements[i - 1], element) == 0) {
                    throw Unusual.INSTANCE; // a key twice: the tree keeps the last
                }
                append(',');
            }
            int nameEnd = cStringEnd(b, element + 1);
            writeString(b, element + 1, nameEnd - element - 1);
            append(':');
            writeValue(b, b[element], nameEnd + 1);
        }
        append('}');
    }

    private void writeArray(byte[] b, int start) {
        int end = start + int32(b, start) - 1;
        append('[');
        boolean first = true;
        for (int p = start + 4; p < end; ) {
            if (!first) {
                append(',');
            }
            first = false;
            int value = cStringEnd(b, p + 1) + 1;
            writeValue(b, b[p], value);
            p = skip(b, b[p], value);
        }
        append(']');
    }

    /** A string's bytes in quotes with the canonical escapes (only ASCII bytes are ever escaped). */
    private void writeString(byte[] b, int from, int length) {
        if (length < 0 || b[from + length] != 0) {
            throw Unusual.INSTANCE; // no terminating NUL: the tree path refuses such a string
        }
        byte[] source = b;
        int offset = from;
        for (int i = from; i < from + length; i++) {
            if (b[i] < 0) { // beyond ASCII: as the tree path does, decode (U+FFFD for malformed bytes) and encode
                source = new String(b, from, length, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                offset = 0;
                length = source.length;
                break;
            }
        }
        append('"');
        for (int i = offset; i < offset + length; i++) {
            byte c = source[i];
            switch (c) {
                case '"' -> append("\\\"");
                case '\\' -> append("\\\\");
                case '\n' -> append("\\n");
                case '\r' -> append("\\r");
                case '\t' -> append("\\t");
                default -> {
                    if (c >= 0 && c < 0x20) {
                        append("\\u00");
                        append((char) HEX_DIGITS[c >> 4]);
                        append((char) HEX_DIGITS[c & 0xf]);
                    } else {
                        append(c);
                    }
                }
            }
        }
        append('"');
    }

    private static void sortByKey(byte[] b, int[] elements, int count) {
        for (int i = 1; i < count; i++) { // insertion sort: documents hold a handful of keys, often sorted already
            int element = elements[i];
            int j = i - 1;
            while (j >= 0 && compareKeys(b, elements[j], element) > 0) {
                elements[j + 1] = elements[j];
                j--;
            }
            elements[j + 1] = element;
        }
    }

    private static int compareKeys(byte[] b, int left, int right) {
        int i = left + 1;
        int j = right + 1;
        while (b[i] != 0 && b[i] == b[j]) {
            i++;
            j++;
        }
        return (b[i] & 0xff) - (b[j] & 0xff);
    }

    /** The offset just past the value of the given type starting at {@code v}. */
    private static int skip(byte[] b, byte kind, int v) {
        return switch (kind) {
            case DOUBLE, DATE_TIME, INT64 -> v + 8;
            case STRING -> v + 4 + int32(b, v);
            case DOCUMENT, ARRAY -> v + int32(b, v);
            case BINARY -> v + 5 + int32(b, v);
            case BOOLEAN -> v + 1;
            case NULL -> v;
            case INT32 -> v + 4;
            case DECIMAL128 -> v + 16;
            default -> throw Unusual.INSTANCE;
        };
    }

    private static int valueAt(byte[] b, int element) {
        return cStringEnd(b, element + 1) + 1;
    }

    private static long integer(byte[] b, int element) {
        return switch (b[element]) {
            case INT32 -> int32(b, valueAt(b, element));
            case INT64 -> int64(b, valueAt(b, element));
            default -> throw Unusual.INSTANCE;
        };
    }

    private static String string(byte[] b, int element) {
        int v = valueAt(b, element);
        int length = int32(b, v) - 1;
        if (length < 0 || b[v + 4 + length] != 0) {
            throw Unusual.INSTANCE;
        }
        return new String(b, v + 4, length, StandardCharsets.UTF_8);
    }

    private static String name(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static int cStringEnd(byte[] b, int p) {
        while (b[p] != 0) {
            p++;
        }
        return p;
    }

    private static int int32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | b[p + 3] << 24;
    }

    private static long int64(byte[] b, int p) {
        return (int32(b, p) & 0xffffffffL) | (long) int32(b, p + 4) << 32;
    }

    private void append(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            append((byte) ascii.charAt(i));
        }
    }

    private void append(char ascii) {
        append((byte) ascii);
    }

    private void append(byte value) {
        if (size == out.length) {
            out = Arrays.copyOf(out, size * 2);
        }
        out[size++] = value;
    }
}
