package dev.kehu.infra.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
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
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stored event as Axon reads it, from a BSON document (loading an aggregate) or from a {@link StreamedEvent}
 * (the stream). Payload and metadata are Jackson trees the {@code JacksonSerializer} deserializes directly (no JSON
 * text in between), built only when Axon asks for them; streamed ones can also be bound straight from their bytes.
 */
class StoredEventData implements TrackedEventData<JsonNode> {

    private static final Logger log = LoggerFactory.getLogger(StoredEventData.class);

    private static final SerializedType METADATA_TYPE = new SimpleSerializedType(MetaData.class.getName(), null);

    private final String eventId;
    private final long timestamp;
    private final SerializedType payloadType;
    private final LazyJson payload;
    private final BsonValue metadataBson;
    private final StreamedEvent.SerializedJson metadataStreamed;
    private final TrackingToken token;

    private StoredEventData(BsonDocument document, TrackingToken token) {
        this.eventId = document.getString(EventFields.EVENT_ID).getValue();
        this.timestamp = document.getDateTime(EventFields.TIMESTAMP).getValue();
        BsonValue revision = document.get(EventFields.REVISION);
        this.payloadType = new SimpleSerializedType(document.getString(EventFields.TYPE).getValue(),
                isNull(revision) ? null : revision.asString().getValue());
        this.payload = new LazyJson(document.get(EventFields.PAYLOAD), null, payloadType);
        this.metadataBson = document.get(EventFields.METADATA);
        this.metadataStreamed = null;
        this.token = token;
    }

    private StoredEventData(StreamedEvent event, TrackingToken token) {
        this.eventId = event.eventId;
        this.timestamp = event.timestamp;
        this.payloadType = new SimpleSerializedType(event.type, event.revision);
        this.payload = new LazyJson(null, event.payload, payloadType);
        this.metadataBson = null;
        this.metadataStreamed = event.metadata;
        this.token = token;
    }

    /** An event read from the stream: a domain event unless it belongs to no aggregate. */
    static StoredEventData of(StreamedEvent event, TrackingToken token) {
        if (event.aggregateId.startsWith(EventFields.NON_AGGREGATE_PREFIX) && event.aggregateType == null) {
            return new StoredEventData(event, token);
        }
        return new Domain(event, token);
    }

    /** An aggregate's event (or snapshot) read as a BSON document. */
    static Domain domain(BsonDocument document) {
        return new Domain(document);
    }

    /**
     * Opens the payloads of the events {@code cipher} covers, for the whole batch at once ({@link PayloadCipher#openAll}:
     * the keys of a batch are read with one query), and keeps the opened trees for deserialization. Opening ahead only
     * saves time: if it fails, each payload is opened when it is deserialized, as without it.
     */
    static void openPayloads(List<StoredEventData> events, PayloadCipher cipher) {
        List<LazyJson> sealed = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<JsonNode> trees = new ArrayList<>();
        for (StoredEventData event : events) {
            String type = event.payloadType.getName();
            if (type != null && cipher.covers(type)) {
                sealed.add(event.payload);
                types.add(type);
                trees.add(event.payload.getData());
            }
        }
        if (sealed.isEmpty()) {
            return;
        }
        try {
            List<JsonNode> opened = cipher.openAll(types, trees);
            for (int i = 0; i < sealed.size(); i++) {
                sealed.get(i).opened(opened.get(i));
            }
        } catch (RuntimeException e) {
            log.debug("Opening a batch of {} sealed payloads ahead failed; each opens when it is read", sealed.size(), e);
        }
    }

    private static boolean isNull(BsonValue value) {
        return value == null || value.isNull();
    }

    @Override
    public TrackingToken trackingToken() {
        return token;
    }

    @Override
    public String getEventIdentifier() {
        return eventId;
    }

    @Override
    public Instant getTimestamp() {
        return Instant.ofEpochMilli(timestamp);
    }

    /** Converted only when read: processors without correlation or interceptors never do. */
    @Override
    public SerializedObject<JsonNode> getMetaData() {
        return new LazyJson(metadataBson, metadataStreamed, METADATA_TYPE);
    }

    @Override
    public SerializedObject<JsonNode> getPayload() {
        return payload;
    }

    /** An event that belongs to an aggregate. */
    static final class Domain extends StoredEventData implements DomainEventData<JsonNode> {
        private final String aggregateType;
        private final String aggregateId;
        private final long seq;

        private Domain(BsonDocument document) {
            super(document, null);
            BsonValue type = document.get(EventFields.AGGREGATE_TYPE);
            this.aggregateType = isNull(type) ? null : type.asString().getValue();
            this.aggregateId = document.getString(EventFields.AGGREGATE_ID).getValue();
            this.seq = document.getNumber(EventFields.SEQ).longValue();
        }

        private Domain(StreamedEvent event, TrackingToken token) {
            super(event, token);
            this.aggregateType = event.aggregateType;
            this.aggregateId = event.aggregateId;
            this.seq = event.seq;
        }

        @Override
        public String getType() {
            return aggregateType;
        }

        @Override
        public String getAggregateIdentifier() {
            return aggregateId;
        }

        @Override
        public long getSequenceNumber() {
            return seq;
        }
    }

    /**
     * A serialized payload or metadata: from a BSON value (loading an aggregate), or from the bytes of a streamed
     * document, which Jackson can also bind directly ({@link JsonParsable}). The tree is built on first read.
     */
    static final class LazyJson implements SerializedObject<JsonNode>, JsonParsable, PayloadCipher.Openable {

        private final BsonValue bson;
        private final StreamedEvent.SerializedJson streamed;
        private final SerializedType type;
        private JsonNode json;
        /** The payload opened ahead ({@link #openPayloads}), or null; {@link #json} stays the stored form. */
        private JsonNode opened;

        LazyJson(BsonValue bson, StreamedEvent.SerializedJson streamed, SerializedType type) {
            this.bson = bson;
            this.streamed = streamed;
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
                if (streamed == null) {
                    json = BsonJson.toJson(bson);
                } else if (streamed.bytes() != null) {
                    json = BsonJson.readJson(streamed.bytes(), streamed.offset(), streamed.isArray());
                } else {
                    json = streamed.tree() != null ? streamed.tree() : BsonJson.toJson(null);
                }
            }
            return json;
        }

        @Override
        public JsonNode openedPayload() {
            return opened;
        }

        void opened(JsonNode payload) {
            opened = payload;
        }

        @Override
        public JsonParser jsonParser(ObjectCodec codec) {
            if (streamed == null || streamed.bytes() == null) {
                return null;
            }
            return new BsonJsonParser(streamed.bytes(), streamed.offset(), streamed.isArray(), codec);
        }
    }
}
