package dev.kehu.infra.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.kehu.infra.eventstore.MongoEventStorageEngineTest.commit;
import static dev.kehu.infra.eventstore.StoreFixtures.anEngine;
import static dev.kehu.infra.eventstore.StoreFixtures.booked;
import static dev.kehu.infra.eventstore.StoreFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loading an aggregate costs a constant number of round trips, whatever its length: every command the driver
 * sends while a load runs is counted. Also stores written while events carried stream keys.
 */
class AggregateLoadRoundTripsTest {

    private static final MongoTestServer server = MongoTestServer.onKehuStore();
    private static final AtomicInteger reads = new AtomicInteger();
    private static final MongoClient countingClient = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(server.uri()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (event.getCommandName().equals("find") || event.getCommandName().equals("getMore")) {
                        reads.incrementAndGet();
                    }
                }
            }).build());

    @AfterAll
    static void stop() {
        countingClient.close();
        server.close();
    }

    @Test
    void loadsTwentyAndFiftyAndTwoHundredEventsInTheSameFewRoundTrips() {
        MongoDatabase database = countingClient.getDatabase("kehu_" + UUID.randomUUID().toString().replace("-", ""));
        EventStore writer = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        for (String ledger : List.of("ledger-20", "ledger-50", "ledger-200")) {
            int length = Integer.parseInt(ledger.substring(7));
            commit(writer, opened(ledger, "杭州 Hangzhou " + ledger));
            for (int seq = 1; seq < length; seq++) {
                commit(writer, booked(ledger, seq, "第" + seq + "笔 booking " + seq, seq + ".00"));
            }
        }
        // a fresh engine (another instance): nothing of these aggregates is cached
        MongoEventStorageEngine reader = anEngine(database);
        EventStore store = EmbeddedEventStore.builder().storageEngine(reader).build();

        int twenty = readsWhileLoading(store, "ledger-20", 20);
        int fifty = readsWhileLoading(store, "ledger-50", 50);
        int twoHundred = readsWhileLoading(store, "ledger-200", 200);

        // one read of the snapshot collection, one window of events (not one read per event)
        assertThat(twenty).isLessThanOrEqualTo(2);
        assertThat(fifty).isEqualTo(twenty);
        // 200 events need windows of 64 + 128 + 256: still a handful, not 200
        assertThat(twoHundred).isLessThanOrEqualTo(4);
    }

    @Test
    void anInstanceThatKnowsAnOlderEndOfTheAggregateStillReadsWhatAnotherAddedSince() {
        MongoDatabase database = countingClient.getDatabase("kehu_" + UUID.randomUUID().toString().replace("-", ""));
        EventStore instanceA = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        commit(instanceA, opened("ledger-k", "广州 Guangzhou"));
        for (int seq = 1; seq < 20; seq++) {
            commit(instanceA, booked("ledger-k", seq, "A 第" + seq + "笔", seq + ".00"));
        }
        assertThat(readsWhileLoading(instanceA, "ledger-k", 20)).isLessThanOrEqualTo(2);
        // instance A's first window is sized to what it knows (20 events and a few to spare); B adds 20 more
        EventStore instanceB = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        for (int seq = 20; seq < 40; seq++) {
            commit(instanceB, booked("ledger-k", seq, "B booking " + seq, seq + ".00"));
        }

        List<? extends DomainEventMessage<?>> loaded = instanceA.readEvents("ledger-k").asStream().toList();

        assertThat(loaded).extracting(DomainEventMessage::getSequenceNumber)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 40).boxed().toList());
    }

    @Test
    void aStoreWrittenWithStreamKeysLoadsByRangeAndLosesTheSecondIndex() {
        MongoDatabase database = countingClient.getDatabase("kehu_" + UUID.randomUUID().toString().replace("-", ""));
        EventStore old = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        commit(old, opened("ledger-old", "旧账本 old ledger"));
        commit(old, booked("ledger-old", 1, "一 one", "1.00"));
        commit(old, booked("ledger-old", 2, "二 two", "2.00"));
        var events = database.getCollection("events", BsonDocument.class);
        // as the engine with stream keys left them: aggregateId#seq on every event, a second unique index on it
        for (long position = 1; position <= 3; position++) {
            events.updateOne(Filters.eq("_id", position), Updates.set(EventFields.STREAM_KEY, "ledger-old#" + (position - 1)));
        }
        events.createIndex(Indexes.ascending(EventFields.STREAM_KEY),
                new IndexOptions().unique(true).sparse(true).name(WriteConflict.STREAM_KEY_INDEX));
        database.getCollection("counters", BsonDocument.class)
                .insertOne(new BsonDocument("_id", new BsonString("streamKeysFrom")).append("position", new BsonInt64(1)));

        EventStore upgraded = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        commit(upgraded, booked("ledger-old", 3, "三 three (new)", "3.00"));

        assertThat(readsWhileLoading(upgraded, "ledger-old", 4)).isLessThanOrEqualTo(2);
        assertThat(events.listIndexes(BsonDocument.class).map(index -> index.getString("name").getValue()))
                .doesNotContain(WriteConflict.STREAM_KEY_INDEX).contains(WriteConflict.AGGREGATE_SEQUENCE_INDEX);
        assertThat(events.find(Filters.eq("_id", 4L)).first().containsKey(EventFields.STREAM_KEY)).isFalse();
        assertThat(new HashChainVerifier(database, EventStoreSettings.defaults()).verify("ledger-old").ok()).isTrue();
    }

    @Test
    void stopsBeforeACommitThatSpansAnotherAggregateAndIsNotComplete() {
        MongoDatabase database = countingClient.getDatabase("kehu_" + UUID.randomUUID().toString().replace("-", ""));
        EventStore store = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        commit(store, opened("ledger-a", "甲 A"), opened("ledger-b", "乙 B"));
        commit(store, booked("ledger-a", 1, "一 one", "1.00"), booked("ledger-b", 1, "一 one", "1.00"));
        var events = database.getCollection("events", BsonDocument.class);
        // the second commit's last document (ledger-b's booking) disappears: the commit is no longer complete
        events.deleteOne(Filters.eq("_id", 4L));

        EventStore fresh = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        List<? extends EventMessage<?>> a = new ArrayList<>(fresh.readEvents("ledger-a").asStream().toList());

        assertThat(a).hasSize(1);
    }

    private static int readsWhileLoading(EventStore store, String aggregateId, int expected) {
        int before = reads.get();
        List<? extends DomainEventMessage<?>> loaded = store.readEvents(aggregateId).asStream().toList();
        int used = reads.get() - before;
        assertThat(loaded).hasSize(expected);
        assertThat(loaded.get(expected - 1).getSequenceNumber()).isEqualTo(expected - 1);
        return used;
    }
}
