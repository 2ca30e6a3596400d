package dev.kehu.infra.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of events and snapshots ({@link EventFields}), and the filters every read by key uses. An event
 * document leaves here without its position, commit range and hashes: the writer places and chains it.
 */
final class EventDocuments {

    private EventDocuments() {
    }

    /** An event as a document; {@code _id} is null until the writer places the commit. */
    static BsonDocument event(EventMessage<?> event, Serializer serializer) {
        SerializedType payloadType;
        JsonNode tree;
        if (serializer instanceof JacksonSerializer jackson && event.getPayload() != null) {
            // one pass object -> tree (the generic path writes bytes and parses them again)
            payloadType = serializer.typeForClass(event.getPayloadType());
            tree = jackson.getObjectMapper().valueToTree(event.getPayload());
        } else {
            SerializedObject<JsonNode> serialized = event.serializePayload(serializer, JsonNode.class);
            payloadType = serialized.getType();
            tree = serialized.getData();
        }
        PayloadCipher cipher = PayloadCipher.of(serializer);
        if (cipher.covers(payloadType.getName())) { // personal fields sealed before anything hashes them
            tree = cipher.seal(payloadType.getName(), tree);
        }
        BsonValue payload = BsonJson.toBson(tree);
        // exactly the metadata the application gave: an audit log must not invent who acted
        BsonDocument metadata = metaDataDocument(event.getMetaData(), serializer);
        BsonDocument document = new BsonDocument();
        document.put(EventFields.ID, BsonNull.VALUE);
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
            document.put(EventFields.AGGREGATE_TYPE, domainEvent.getType() == null
                    ? BsonNull.VALUE : new BsonString(domainEvent.getType()));
            document.put(EventFields.AGGREGATE_ID, new BsonString(domainEvent.getAggregateIdentifier()));
            document.put(EventFields.SEQ, new BsonInt64(domainEvent.getSequenceNumber()));
        } else {
            document.put(EventFields.AGGREGATE_TYPE, BsonNull.VALUE);
            document.put(EventFields.AGGREGATE_ID,
                    new BsonString(EventFields.NON_AGGREGATE_PREFIX + event.getIdentifier()));
            document.put(EventFields.SEQ, new BsonInt64(0));
        }
        document.put(EventFields.EVENT_ID, new BsonString(event.getIdentifier()));
        document.put(EventFields.TYPE, new BsonString(payloadType.getName()));
        String revision = payloadType.getRevision();
        document.put(EventFields.REVISION, revision == null ? BsonNull.VALUE : new BsonString(revision));
        document.put(EventFields.TIMESTAMP, new BsonDateTime(event.getTimestamp().toEpochMilli()));
        document.put(EventFields.PAYLOAD, payload);
        document.put(EventFields.METADATA, metadata);
        return document;
    }

    /** Metadata as a readable document; plain string values are copied directly, anything else goes through Jackson. */
    private static BsonDocument metaDataDocument(MetaData metaData, Serializer serializer) {
        BsonDocument document = new BsonDocument();
        for (Map.Entry<String, ?> entry : new TreeMap<>(metaData).entrySet()) {
            Object value = entry.getValue();
            if (value == null || value instanceof String) {
                document.put(entry.getKey(), value == null ? BsonNull.VALUE : new BsonString((String) value));
            } else {
                SerializedObject<JsonNode> serialized = serializer.serialize(metaData, JsonNode.class);
                return BsonJson.toBson(serialized.getData()).asDocument();
            }
        }
        return document;
    }

    /** A snapshot as a document, keyed by its aggregate's identifier (one snapshot per aggregate). */
    static BsonDocument snapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        SerializedObject<JsonNode> payload = snapshot.serializePayload(serializer, JsonNode.class);
        SerializedObject<JsonNode> metaData = snapshot.serializeMetaData(serializer, JsonNode.class);
        return new BsonDocument()
                .append(EventFields.ID, new BsonString(snapshot.getAggregateIdentifier()))
                .append(EventFields.AGGREGATE_TYPE, snapshot.getType() == null
                        ? BsonNull.VALUE : new BsonString(snapshot.getType()))
                .append(EventFields.AGGREGATE_ID, new BsonString(snapshot.getAggregateIdentifier()))
                .append(EventFields.SEQ, new BsonInt64(snapshot.getSequenceNumber()))
                .append(EventFields.EVENT_ID, new BsonString(snapshot.getIdentifier()))
                .append(EventFields.TYPE, new BsonString(payload.getType().getName()))
                .append(EventFields.REVISION, payload.getType().getRevision() == null
                        ? BsonNull.VALUE : new BsonString(payload.getType().getRevision()))
                .append(EventFields.TIMESTAMP, new BsonDateTime(snapshot.getTimestamp().toEpochMilli()))
                .append(EventFields.PAYLOAD, BsonJson.toBson(payload.getData()))
                .append(EventFields.METADATA, BsonJson.toBson(metaData.getData()));
    }

    /**
     * Equality on the full unique key, as a plain document: {@code Filters.and} renders as {@code $and}, which
     * mongo-java-server does not match against the unique index (a full scan).
     */
    static BsonDocument byKey(String aggregateId, long seq) {
        return new BsonDocument(EventFields.AGGREGATE_ID, new BsonString(aggregateId))
                .append(EventFields.SEQ, new BsonInt64(seq));
    }

    /** The positions from … to, both included, for an {@code _id $in} read. */
    static List<Long> range(long from, long to) {
        List<Long> positions = new ArrayList<>((int) Math.max(0, to - from + 1));
        for (long position = from; position <= to; position++) {
            positions.add(position);
        }
        return positions;
    }

    static boolean isDuplicateKey(Exception e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().anyMatch(error -> error.getCode() == 11000);
        }
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return false;
    }
}
