package dev.kehu.infra.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.time.Instant;

/**
 * One stored event as Axon reads it. Payload and metadata stay BSON until Axon asks for them, then become a
 * Jackson tree the {@code JacksonSerializer} deserializes directly (no JSON text in between).
 */
class StoredEventData implements TrackedEventData<JsonNode> {

    private static final SerializedType METADATA_TYPE = new SimpleSerializedType(MetaData.class.getName(), null);

    private final BsonDocument document;
    private final TrackingToken token;

    StoredEventData(BsonDocument document, TrackingToken token) {
        this.document = document;
        this.token = token;
    }

    static StoredEventData of(BsonDocument document, TrackingToken token) {
        String aggregateId = document.getString(EventFields.AGGREGATE_ID).getValue();
        if (aggregateId.startsWith(EventFields.NON_AGGREGATE_PREFIX) && isNull(document.get(EventFields.AGGREGATE_TYPE))) {
            return new StoredEventData(document, token);
        }
        return new Domain(document, token);
    }

    private static boolean isNull(BsonValue value) {
        return value == null || value.isNull();
    }

    BsonDocument document() {
        return document;
    }

    @Override
    public TrackingToken trackingToken() {
        return token;
    }

    @Override
    public String getEventIdentifier() {
        return document.getString(EventFields.EVENT_ID).getValue();
    }

    @Override
    public Instant getTimestamp() {
        return Instant.ofEpochMilli(document.getDateTime(EventFields.TIMESTAMP).getValue());
    }

    /** Converted to a Jackson tree only when read: processors without correlation or interceptors never do. */
    @Override
    public SerializedObject<JsonNode> getMetaData() {
        return new LazyJson(document.get(EventFields.METADATA), METADATA_TYPE);
    }

    @Override
    public SerializedObject<JsonNode> getPayload() {
        BsonValue revision = document.get(EventFields.REVISION);
        SerializedType type = new SimpleSerializedType(document.getString(EventFields.TYPE).getValue(),
                isNull(revision) ? null : revision.asString().getValue());
        return new LazyJson(document.get(EventFields.PAYLOAD), type);
    }

    /** An event that belongs to an aggregate. */
    static final class Domain extends StoredEventData implements DomainEventData<JsonNode> {

        Domain(BsonDocument document, TrackingToken token) {
            super(document, token);
        }

        @Override
        public String getType() {
            BsonValue type = document().get(EventFields.AGGREGATE_TYPE);
            return isNull(type) ? null : type.asString().getValue();
        }

        @Override
        public String getAggregateIdentifier() {
            return document().getString(EventFields.AGGREGATE_ID).getValue();
        }

        @Override
        public long getSequenceNumber() {
            return document().getNumber(EventFields.SEQ).longValue();
        }
    }

    /** A serialized payload that converts its BSON to a Jackson tree only when read. */
    static final class LazyJson implements SerializedObject<JsonNode> {

        private final BsonValue bson;
        private final SerializedType type;
        private JsonNode json;

        LazyJson(BsonValue bson, SerializedType type) {
            this.bson = bson;
            this.type = type;
        }

        @Override
        public Class<JsonNode> getContentType() {
            return JsonNode.class;
        }

        @Override
        public SerializedType getType() {
            return type;
        }

        @Override
        public JsonNode getData() {
            if (json == null) {
                json = BsonJson.toJson(bson);
            }
            return json;
        }
    }
}
