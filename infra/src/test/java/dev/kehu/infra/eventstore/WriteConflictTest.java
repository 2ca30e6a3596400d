package dev.kehu.infra.eventstore;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The three duplicate keys of an insert into {@code events}, as the embedded server reports them, told apart. */
class WriteConflictTest {

    private static final MongoTestServer server = MongoTestServer.onKehuStore();

    private MongoCollection<BsonDocument> events;

    @BeforeEach
    void setUp() {
        events = server.newDatabase().getCollection("events", BsonDocument.class);
        events.createIndex(Indexes.ascending("aggregateId", "seq"),
                new IndexOptions().unique(true).name(WriteConflict.AGGREGATE_SEQUENCE_INDEX));
        events.createIndex(Indexes.ascending("eventId"),
                new IndexOptions().unique(true).sparse(true).name(WriteConflict.EVENT_ID_INDEX));
        events.insertOne(event(1, "客户-1", 0, "e-1"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void tellsALostPositionASequenceConflictAndADuplicateEventIdApart() {
        assertThat(conflictOf(event(1, "客户-2", 0, "e-2"))).isEqualTo(WriteConflict.POSITION);
        assertThat(conflictOf(event(2, "客户-1", 0, "e-3"))).isEqualTo(WriteConflict.AGGREGATE_SEQUENCE);
        assertThat(conflictOf(event(2, "客户-2", 0, "e-1"))).isEqualTo(WriteConflict.EVENT_IDENTIFIER);
    }

    @Test
    void reportsTheFirstFailedDocumentOfAnOrderedInsert() {
        MongoBulkWriteException e = catchThrowableOfType(MongoBulkWriteException.class,
                () -> events.insertMany(List.of(event(2, "客户-3", 0, "e-4"), event(3, "客户-4", 0, "e-1")),
                        new InsertManyOptions().ordered(true)));

        assertThat(e.getWriteErrors().get(0).getIndex()).isEqualTo(1);
        assertThat(WriteConflict.of(e)).isEqualTo(WriteConflict.EVENT_IDENTIFIER);
    }

    private WriteConflict conflictOf(BsonDocument document) {
        MongoBulkWriteException e = catchThrowableOfType(MongoBulkWriteException.class,
                () -> events.insertMany(List.of(document), new InsertManyOptions().ordered(true)));
        return WriteConflict.of(e);
    }

    private static BsonDocument event(long position, String aggregateId, long seq, String eventId) {
        return new BsonDocument("_id", new BsonInt64(position)).append("aggregateId", new BsonString(aggregateId))
                .append("seq", new BsonInt64(seq)).append("eventId", new BsonString(eventId));
    }
}
