package dev.kehu.infra.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.BsonBinaryReader;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.RawBsonDocument;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stored event as the stream reads it: the fields it needs as plain values, scanned straight from the raw
 * document's bytes; payload and metadata stay where they are in those bytes until Axon asks for them (a
 * {@link BsonJsonParser} then reads them, or {@link BsonJson} turns them into a tree). The hash fields are skipped.
 */
final class StreamedEvent {

    private static final byte[] ID = BsonBytes.ascii(EventFields.ID);
    private static final byte[] COMMIT_FIRST = BsonBytes.ascii(EventFields.COMMIT_FIRST);
    private static final byte[] COMMIT_LAST = BsonBytes.ascii(EventFields.COMMIT_LAST);
    private static final byte[] ABANDONED = BsonBytes.ascii(EventFields.ABANDONED);
    private static final byte[] AGGREGATE_TYPE = BsonBytes.ascii(EventFields.AGGREGATE_TYPE);
    private static final byte[] AGGREGATE_ID = BsonBytes.ascii(EventFields.AGGREGATE_ID);
    private static final byte[] SEQ = BsonBytes.ascii(EventFields.SEQ);
    private static final byte[] EVENT_ID = BsonBytes.ascii(EventFields.EVENT_ID);
    private static final byte[] TYPE = BsonBytes.ascii(EventFields.TYPE);
    private static final byte[] REVISION = BsonBytes.ascii(EventFields.REVISION);
    private static final byte[] TIMESTAMP = BsonBytes.ascii(EventFields.TIMESTAMP);
    private static final byte[] PAYLOAD = BsonBytes.ascii(EventFields.PAYLOAD);
    private static final byte[] METADATA = BsonBytes.ascii(EventFields.METADATA);

    /**
     * One String per type name, revision and aggregate type seen, so that every event of a type hands Axon the same
     * String: its hash is computed once, and the serializer's class lookup by name is an identity hit.
     */
    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();
    private static final int MAX_NAMES = 10_000;

    long position;
    Long commitFirst;
    long commitLast;
    boolean abandoned;
    String aggregateType;
    String aggregateId;
    long seq;
    String eventId;
    String type;
    String revision;
    long timestamp;
    /** Payload and metadata: in {@link #bytes} at these offsets, or (read the slow way) as trees. */
    SerializedJson payload = SerializedJson.NULL;
    SerializedJson metadata = SerializedJson.NULL;

    CommitLog.CommitRef ref() {
        return new CommitLog.CommitRef(position, commitFirst, commitLast, abandoned);
    }

    /**
     * Payload or metadata of a streamed event: a document or array at {@code offset} in {@code bytes}, or a tree
     * when the document held something else there.
     */
    record SerializedJson(byte[] bytes, int offset, boolean isArray, JsonNode tree) {
        static final SerializedJson NULL = new SerializedJson(null, -1, false, null);
    }

    /** Scans one event document; a document with a field of an unexpected BSON type is read the slow way. */
    static StreamedEvent of(RawBsonDocument document) {
        BsonBytes.Slice slice = BsonBytes.Slice.of(document);
        try {
            return scan(slice.bytes(), slice.offset());
        } catch (UnexpectedType e) {
            return read(new BsonBinaryReader(document.getByteBuffer().asNIO()));
        }
    }

    private static StreamedEvent scan(byte[] b, int offset) {
        StreamedEvent event = new StreamedEvent();
        int p = offset + 4;
        while (true) {
            byte type = b[p++];
            if (type == 0) {
                return event;
            }
            int nameStart = p;
            int nameEnd = BsonBytes.cStringEnd(b, p);
            int length = nameEnd - nameStart;
            p = nameEnd + 1;
            if (type != BsonBytes.NULL) {
                if (BsonBytes.nameEquals(b, nameStart, length, ID)) {
                    event.position = number(type, b, p);
                } else if (BsonBytes.nameEquals(b, nameStart, length, COMMIT_FIRST)) {
                    event.commitFirst = number(type, b, p);
                } else if (BsonBytes.nameEquals(b, nameStart, length, COMMIT_LAST)) {
                    event.commitLast = number(type, b, p);
                } else if (BsonBytes.nameEquals(b, nameStart, length, ABANDONED)) {
                    event.abandoned = expect(BsonBytes.BOOLEAN, type) && b[p] != 0;
                } else if (BsonBytes.nameEquals(b, nameStart, length, AGGREGATE_TYPE)) {
                    event.aggregateType = canonical(string(type, b, p));
                } else if (BsonBytes.nameEquals(b, nameStart, length, AGGREGATE_ID)) {
                    event.aggregateId = string(type, b, p);
                } else if (BsonBytes.nameEquals(b, nameStart, length, SEQ)) {
                    event.seq = number(type, b, p);
                } else if (BsonBytes.nameEquals(b, nameStart, length, EVENT_ID)) {
                    event.eventId = string(type, b, p);
                } else if (BsonBytes.nameEquals(b, nameStart, length, TYPE)) {
                    event.type = canonical(string(type, b, p));
                } else if (BsonBytes.nameEquals(b, nameStart, length, REVISION)) {
                    event.revision = canonical(string(type, b, p));
                } else if (BsonBytes.nameEquals(b, nameStart, length, TIMESTAMP)) {
                    event.timestamp = expect(BsonBytes.DATE_TIME, type) ? BsonBytes.int64(b, p) : 0;
                } else if (BsonBytes.nameEquals(b, nameStart, length, PAYLOAD)) {
                    event.payload = container(type, b, p);
                } else if (BsonBytes.nameEquals(b, nameStart, length, METADATA)) {
                    event.metadata = container(type, b, p);
                }
            }
            p += BsonBytes.valueSize(type, b, p);
        }
    }

    /** A field of a type the scan does not expect; the document is read the slow way. */
    private static final class UnexpectedType extends RuntimeException {
        UnexpectedType() {
            super(null, null, false, false);
        }
    }

    private static boolean expect(byte expected, byte actual) {
        if (expected != actual) {
            throw new UnexpectedType();
        }
        return true;
    }

    private static long number(byte type, byte[] b, int p) {
        return switch (type) {
            case BsonBytes.INT64 -> BsonBytes.int64(b, p);
            case BsonBytes.INT32 -> BsonBytes.int32(b, p);
            case BsonBytes.DOUBLE -> (long) BsonBytes.float64(b, p);
            default -> throw new UnexpectedType();
        };
    }

    private static String string(byte type, byte[] b, int p) {
        expect(BsonBytes.STRING, type);
        return BsonBytes.string(b, p);
    }

    private static SerializedJson container(byte type, byte[] b, int p) {
        if (type != BsonBytes.DOCUMENT && type != BsonBytes.ARRAY) {
            throw new UnexpectedType();
        }
        return new SerializedJson(b, p, type == BsonBytes.ARRAY, null);
    }

    private static String canonical(String name) {
        String known = NAMES.get(name);
        if (known != null) {
            return known;
        }
        if (NAMES.size() >= MAX_NAMES) {
            return name;
        }
        String previous = NAMES.putIfAbsent(name, name);
        return previous == null ? name : previous;
    }

    /** Reads an event document of any shape through a {@link BsonReader}, payload and metadata into trees. */
    private static StreamedEvent read(BsonReader reader) {
        StreamedEvent event = new StreamedEvent();
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            String name = reader.readName();
            BsonType type = reader.getCurrentBsonType();
            if (type == BsonType.NULL) {
                reader.readNull();
                continue;
            }
            switch (name) {
                case EventFields.ID -> event.position = readLong(reader, type);
                case EventFields.COMMIT_FIRST -> event.commitFirst = readLong(reader, type);
                case EventFields.COMMIT_LAST -> event.commitLast = readLong(reader, type);
                case EventFields.ABANDONED -> event.abandoned = reader.readBoolean();
                case EventFields.AGGREGATE_TYPE -> event.aggregateType = reader.readString();
                case EventFields.AGGREGATE_ID -> event.aggregateId = reader.readString();
                case EventFields.SEQ -> event.seq = readLong(reader, type);
                case EventFields.EVENT_ID -> event.eventId = reader.readString();
                case EventFields.TYPE -> event.type = reader.readString();
                case EventFields.REVISION -> event.revision = reader.readString();
                case EventFields.TIMESTAMP -> event.timestamp = type == BsonType.DATE_TIME
                        ? reader.readDateTime() : readLong(reader, type);
                case EventFields.PAYLOAD -> event.payload = new SerializedJson(null, -1, false, BsonJson.readJson(reader));
                case EventFields.METADATA -> event.metadata = new SerializedJson(null, -1, false, BsonJson.readJson(reader));
                default -> reader.skipValue();
            }
        }
        reader.readEndDocument();
        return event;
    }

    private static long readLong(BsonReader reader, BsonType type) {
        return switch (type) {
            case INT64 -> reader.readInt64();
            case INT32 -> reader.readInt32();
            case DOUBLE -> (long) reader.readDouble();
            default -> throw new IllegalStateException("Expected a number, found " + type);
        };
    }
}
