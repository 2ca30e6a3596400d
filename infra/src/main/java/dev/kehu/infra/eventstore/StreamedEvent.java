package dev.kehu.infra.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;

/**
 * A stored event as the stream reads it: decoded by the driver in one pass, the fields it needs as plain values and
 * payload and metadata straight into Jackson trees (no BSON document in between). The hash fields are skipped.
 */
final class StreamedEvent {

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
    JsonNode payload;
    JsonNode metadata;

    CommitLog.CommitRef ref() {
        return new CommitLog.CommitRef(position, commitFirst, commitLast, abandoned);
    }

    /** Decodes event documents into {@link StreamedEvent}s; read only. */
    static final class StreamedEventCodec implements Codec<StreamedEvent> {

        @Override
        public StreamedEvent decode(BsonReader reader, DecoderContext decoderContext) {
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
                    case EventFields.TIMESTAMP -> event.timestamp = reader.readDateTime();
                    case EventFields.PAYLOAD -> event.payload = BsonJson.readJson(reader);
                    case EventFields.METADATA -> event.metadata = BsonJson.readJson(reader);
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

        @Override
        public void encode(BsonWriter writer, StreamedEvent value, EncoderContext encoderContext) {
            throw new UnsupportedOperationException("StreamedEvent is read only");
        }

        @Override
        public Class<StreamedEvent> getEncoderClass() {
            return StreamedEvent.class;
        }
    }
}
