package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kehu.infra.eventstore.StoreFixtures.anEngine;
import static dev.kehu.infra.eventstore.StoreFixtures.booked;
import static dev.kehu.infra.eventstore.StoreFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;

/** The stream scans stored documents from their bytes; what it reads must be what the documents hold. */
class StreamedEventTest {

    private static final MongoTestServer server = MongoTestServer.onKehuStore();

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void scansEveryFieldTheStreamNeedsFromAStoredDocument() {
        MongoDatabase database = server.newDatabase();
        anEngine(database).appendEvents(List.of(opened("L-上海", "上海浦江实业"), booked("L-上海", 1, "首付 deposit", "88.80")));
        List<RawBsonDocument> stored = database.getCollection("events", RawBsonDocument.class).find()
                .sort(Sorts.ascending(EventFields.ID)).into(new java.util.ArrayList<>());
        assertThat(stored).hasSize(2);

        for (RawBsonDocument raw : stored) {
            BsonDocument document = new BsonDocumentCodec().decode(raw.asBsonReader(),
                    org.bson.codecs.DecoderContext.builder().build());
            StreamedEvent event = StreamedEvent.of(raw);
            assertThat(event.position).isEqualTo(document.getInt64(EventFields.ID).getValue());
            assertThat(event.commitFirst).isEqualTo(document.getInt64(EventFields.COMMIT_FIRST).getValue());
            assertThat(event.commitLast).isEqualTo(document.getInt64(EventFields.COMMIT_LAST).getValue()).isEqualTo(2);
            assertThat(event.abandoned).isFalse();
            assertThat(event.aggregateType).isEqualTo("Ledger");
            assertThat(event.aggregateId).isEqualTo("L-上海");
            assertThat(event.seq).isEqualTo(document.getNumber(EventFields.SEQ).longValue());
            assertThat(event.eventId).isEqualTo(document.getString(EventFields.EVENT_ID).getValue());
            assertThat(event.type).isEqualTo(document.getString(EventFields.TYPE).getValue());
            assertThat(event.revision).isEqualTo(document.getString(EventFields.REVISION).getValue());
            assertThat(event.timestamp).isEqualTo(document.getDateTime(EventFields.TIMESTAMP).getValue());
            assertThat(treeOf(event.payload)).isEqualTo(BsonJson.toJson(document.get(EventFields.PAYLOAD)));
            assertThat(treeOf(event.metadata)).isEqualTo(BsonJson.toJson(document.get(EventFields.METADATA)));
            assertThat(treeOf(event.metadata).get("actor").asText()).isIn("张伟", "alice");
        }
        // every event of one type carries the same String for its type: the serializer's class lookup is quick
        StreamedEvent again = StreamedEvent.of(stored.get(0));
        assertThat(again.type).isSameAs(StreamedEvent.of(stored.get(0)).type);
        assertThat(again.aggregateType).isSameAs(StreamedEvent.of(stored.get(1)).aggregateType);
    }

    @Test
    void readsADocumentWithUnexpectedTypesTheSlowWay() {
        BsonDocument document = new BsonDocument(EventFields.ID, new BsonInt32(7))
                .append(EventFields.AGGREGATE_ID, new BsonString("_event:x"))
                .append(EventFields.AGGREGATE_TYPE, BsonNull.VALUE)
                .append(EventFields.SEQ, new BsonInt64(0))
                .append(EventFields.EVENT_ID, new BsonString("e-7"))
                .append(EventFields.TYPE, new BsonString("java.lang.String"))
                .append(EventFields.REVISION, BsonNull.VALUE)
                .append(EventFields.TIMESTAMP, new BsonInt64(1_795_000_000_000L)) // a number, not a date
                .append(EventFields.PAYLOAD, new BsonString("纯文本 plain text")) // not a document
                .append(EventFields.COMMIT_LAST, new BsonInt32(7));
        StreamedEvent event = StreamedEvent.of(new RawBsonDocument(document, new BsonDocumentCodec()));

        assertThat(event.position).isEqualTo(7);
        assertThat(event.commitFirst).isNull();
        assertThat(event.commitLast).isEqualTo(7);
        assertThat(event.aggregateType).isNull();
        assertThat(event.revision).isNull();
        assertThat(event.timestamp).isEqualTo(1_795_000_000_000L);
        assertThat(event.payload.bytes()).isNull();
        assertThat(event.payload.tree().asText()).isEqualTo("纯文本 plain text");
        assertThat(new StoredEventData.LazyJson(null, event.payload, null).jsonParser(null)).isNull();
    }

    @Test
    void aDateTimestampAndAnArrayPayloadAreScanned() {
        BsonDocument document = new BsonDocument(EventFields.ID, new BsonInt64(9))
                .append(EventFields.TIMESTAMP, new BsonDateTime(1_795_000_000_123L))
                .append(EventFields.PAYLOAD, new org.bson.BsonArray(List.of(new BsonString("甲"), new BsonInt32(2))));
        StreamedEvent event = StreamedEvent.of(new RawBsonDocument(document, new BsonDocumentCodec()));
        assertThat(event.timestamp).isEqualTo(1_795_000_000_123L);
        assertThat(event.payload.isArray()).isTrue();
        assertThat(treeOf(event.payload)).isEqualTo(BsonJson.toJson(document.get(EventFields.PAYLOAD)));
        assertThat(event.metadata.bytes()).isNull();
        assertThat(new StoredEventData.LazyJson(null, event.metadata, null).getData().isNull()).isTrue();
    }

    private static com.fasterxml.jackson.databind.JsonNode treeOf(StreamedEvent.SerializedJson json) {
        return new StoredEventData.LazyJson(null, json, null).getData();
    }
}
