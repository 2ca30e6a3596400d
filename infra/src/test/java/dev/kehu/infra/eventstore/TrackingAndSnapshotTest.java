package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.kehu.events.Money;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.tokenstore.MongoTokenStore;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.kehu.infra.eventstore.MongoEventStorageEngineTest.commit;
import static dev.kehu.infra.eventstore.StoreFixtures.anEngine;
import static dev.kehu.infra.eventstore.StoreFixtures.booked;
import static dev.kehu.infra.eventstore.StoreFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;

class TrackingAndSnapshotTest {

    private static final MongoTestServer server = MongoTestServer.onKehuStore();

    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        database = server.newDatabase();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Records the memo or owner of every ledger event it handles, in order. */
    public static final class Recorder {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @EventHandler
        public void on(LedgerEvents.LedgerOpened event) {
            seen.add(event.ownerName());
        }

        @EventHandler
        public void on(LedgerEvents.AmountBooked event) {
            seen.add(event.memo());
        }
    }

    private Configuration processorInstance(String owner, Recorder recorder) {
        MongoDatabase ownDatabase = server.newClient().getDatabase(database.getName());
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> AxonConfiguration.messageSerializer())
                .configureEventStore(c -> EmbeddedEventStore.builder().storageEngine(anEngine(ownDatabase))
                        .fetchDelay(50).build())
                .eventProcessing(processing -> processing
                        .registerTokenStore(c -> new MongoTokenStore(ownDatabase, "tokens", c.serializer(), owner,
                                Duration.ofSeconds(10), Clock.systemUTC()))
                        .registerEventHandler(c -> recorder)
                        .registerTrackingEventProcessor("ledger-recorder")
                        .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                                .forSingleThreadedProcessing().andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS))
                        .assignHandlerInstancesMatching("ledger-recorder", handler -> true))
                .buildConfiguration();
        configuration.start();
        return configuration;
    }

    @Test
    void aTrackingProcessorHandlesAnEventWhoseCommitWasDelayedUntilAfterALaterEventWasRead() throws Exception {
        CountDownLatch staged = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine slowWriter = new MongoEventStorageEngine(StoreFixtures.engineBuilder(database, s -> s)) {
            @Override
            protected void insertDocuments(List<BsonDocument> documents) {
                staged.countDown();
                awaitQuietly(release);
                super.insertDocuments(documents);
            }
        };
        Recorder recorder = new Recorder();
        Configuration processor = processorInstance("node-1", recorder);
        try {
            EventStore slowStore = EmbeddedEventStore.builder().storageEngine(slowWriter).build();
            CompletableFuture<Long> delayed = CompletableFuture.supplyAsync(
                    () -> commit(slowStore, opened("ledger-slow", "迟到的提交 delayed commit")));
            assertThat(staged.await(5, TimeUnit.SECONDS)).isTrue();

            commit(processor.eventStore(), opened("ledger-fast", "先到的提交 later commit, visible first"));
            awaitUntil(() -> recorder.seen.contains("先到的提交 later commit, visible first"));
            awaitUntil(() -> tokenPosition("ledger-recorder/0") == 1L);

            release.countDown();
            // positions are claimed when the documents are inserted: the delayed commit lands after what was read
            assertThat(delayed.get(5, TimeUnit.SECONDS)).isEqualTo(2L);
            awaitUntil(() -> recorder.seen.contains("迟到的提交 delayed commit"));

            assertThat(recorder.seen).containsExactly("先到的提交 later commit, visible first", "迟到的提交 delayed commit");
            awaitUntil(() -> tokenPosition("ledger-recorder/0") == 2L);
            assertThat(gapAwareToken("ledger-recorder/0").getArray("gaps")).isEmpty();
        } finally {
            release.countDown();
            processor.shutdown();
        }
    }

    @Test
    void aTrackingProcessorWaitsForACommitStoppedHalfWayAndHandlesAllOfItOnceComplete() throws Exception {
        CountDownLatch halfWay = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine slowWriter = new MongoEventStorageEngine(StoreFixtures.engineBuilder(database, s -> s)) {
            @Override
            protected void insertDocuments(List<BsonDocument> documents) {
                super.insertDocuments(documents.subList(0, 1));
                halfWay.countDown();
                awaitQuietly(release);
                super.insertDocuments(documents.subList(1, documents.size()));
            }
        };
        Recorder recorder = new Recorder();
        Configuration processor = processorInstance("node-1", recorder);
        try {
            EventStore writer = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
            commit(writer, opened("ledger-before", "之前 before"));
            awaitUntil(() -> recorder.seen.contains("之前 before"));
            EventStore slowStore = EmbeddedEventStore.builder().storageEngine(slowWriter).build();
            CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> commit(slowStore,
                    opened("ledger-half", "一半 half"), booked("ledger-half", 1, "另一半 other half", "9.00")));
            assertThat(halfWay.await(5, TimeUnit.SECONDS)).isTrue();

            // the first document is stored, its commit is not complete: nothing of it is handled, the token waits
            Thread.sleep(500);
            assertThat(recorder.seen).containsExactly("之前 before");
            assertThat(tokenPosition("ledger-recorder/0")).isEqualTo(1L);

            release.countDown();
            assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo(3L);
            awaitUntil(() -> recorder.seen.size() == 3);
            assertThat(recorder.seen).containsExactly("之前 before", "一半 half", "另一半 other half");
            awaitUntil(() -> tokenPosition("ledger-recorder/0") == 3L);
        } finally {
            release.countDown();
            processor.shutdown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void resumesFromTheStoredTokenAfterARestart() throws Exception {
        EventStore writer = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        commit(writer, opened("ledger-r", "重庆 Chongqing"));
        for (int seq = 1; seq <= 4; seq++) {
            commit(writer, booked("ledger-r", seq, "第一批 first run " + seq, "10.00"));
        }
        Recorder before = new Recorder();
        Configuration first = processorInstance("node-1", before);
        awaitUntil(() -> before.seen.size() == 5);
        awaitUntil(() -> tokenPosition("ledger-recorder/0") == 5L);
        first.shutdown();

        for (int seq = 5; seq <= 7; seq++) {
            commit(writer, booked("ledger-r", seq, "第二批 second run " + seq, "10.00"));
        }
        Recorder after = new Recorder();
        Configuration second = processorInstance("node-2", after);
        try {
            awaitUntil(() -> after.seen.size() >= 3);
            Thread.sleep(300);
            assertThat(after.seen).containsExactly("第二批 second run 5", "第二批 second run 6", "第二批 second run 7");
            assertThat(before.seen).hasSize(5);
        } finally {
            second.shutdown();
        }
    }

    @Test
    void loadsAnAggregateFromItsSnapshotAndOnlyTheEventsAfterIt() {
        Configuration first = ledgerInstance();
        try {
            first.commandGateway().sendAndWait(new Ledger.OpenLedger("ledger-s", "天津港 Tianjin Port"));
            for (int i = 1; i <= 11; i++) {
                first.commandGateway().sendAndWait(new Ledger.BookAmount("ledger-s", "货款 payment " + i,
                        Money.of("100.25", "CNY")));
            }
        } finally {
            first.shutdown();
        }
        BsonDocument snapshot = database.getCollection("snapshots", BsonDocument.class)
                .find(Filters.eq("_id", "ledger-s")).first();
        assertThat(snapshot).isNotNull();
        long snapshotSeq = snapshot.getInt64("seq").getValue();
        assertThat(snapshotSeq).isBetween(4L, 10L);
        assertThat(snapshot.getDocument("payload").getString("ownerName").getValue()).isEqualTo("天津港 Tianjin Port");

        Configuration second = ledgerInstance();
        try {
            Ledger.eventsApplied.set(0);
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            Aggregate<Ledger> loaded = second.repository(Ledger.class).load("ledger-s");
            Ledger ledger = loaded.invoke(root -> root);
            unitOfWork.rollback();

            assertThat(Ledger.eventsApplied.get()).isEqualTo(11 - (int) snapshotSeq);
            assertThat(ledger.bookings()).isEqualTo(11);
            assertThat(ledger.balance()).isEqualByComparingTo(new BigDecimal("1102.75"));
            assertThat(ledger.ownerName()).isEqualTo("天津港 Tianjin Port");
        } finally {
            second.shutdown();
        }
    }

    private Configuration ledgerInstance() {
        MongoEventStorageEngine engine = anEngine(server.newClient().getDatabase(database.getName()));
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> AxonConfiguration.messageSerializer())
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Ledger.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 5)))
                .buildConfiguration();
        configuration.start();
        return configuration;
    }

    @Test
    void theHashChainCheckFindsExactlyTheEventChangedBehindTheApplicationsBack() {
        EventStore store = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        for (String ledger : List.of("ledger-h1", "ledger-h2", "ledger-h3")) {
            commit(store, opened(ledger, "南京 Nanjing " + ledger));
            commit(store, booked(ledger, 1, "定金 deposit", "300.00"), booked(ledger, 2, "余款 balance", "700.00"));
        }
        HashChainVerifier verifier = new HashChainVerifier(database, EventStoreSettings.defaults());
        assertThat(verifier.verifyAll().ok()).isTrue();
        assertThat(verifier.verifyAll().eventsChecked()).isEqualTo(9);

        database.getCollection("events").updateOne(
                Filters.and(Filters.eq("aggregateId", "ledger-h2"), Filters.eq("seq", 1L)),
                Updates.set("payload.memo", "篡改 tampered"));

        HashChainVerifier.Report report = verifier.verifyAll();
        assertThat(report.ok()).isFalse();
        assertThat(report.aggregatesChecked()).isEqualTo(3);
        assertThat(report.broken()).hasSize(1);
        HashChainVerifier.Result broken = report.broken().get(0);
        assertThat(broken.aggregateId()).isEqualTo("ledger-h2");
        assertThat(broken.brokenSeq()).isEqualTo(1L);
        assertThat(broken.reason()).isEqualTo("stored hash does not match the event's content");
        assertThat(verifier.verify("ledger-h1").ok()).isTrue();
        assertThat(verifier.verify("ledger-h3").ok()).isTrue();
    }

    @Test
    void theHashChainCheckFindsADeletedEvent() {
        EventStore store = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        commit(store, opened("ledger-d", "武汉 Wuhan"), booked("ledger-d", 1, "一 one", "1.00"));
        commit(store, booked("ledger-d", 2, "二 two", "2.00"));
        BsonDocument second = database.getCollection("events", BsonDocument.class)
                .find(Filters.eq("_id", 3L)).first();
        database.getCollection("events").deleteOne(Filters.eq("_id", 2L));
        second.put("seq", new org.bson.BsonInt64(1));
        database.getCollection("events", BsonDocument.class).replaceOne(Filters.eq("_id", 3L), second);

        HashChainVerifier.Result result = new HashChainVerifier(database, EventStoreSettings.defaults())
                .verify("ledger-d");

        assertThat(result.ok()).isFalse();
        assertThat(result.brokenSeq()).isEqualTo(1L);
        assertThat(result.reason()).isEqualTo("prevHash does not match the hash of the previous event");
    }

    /** The position of a stored token, looking inside a replay token (processors start from the tail with one). */
    private long tokenPosition(String id) {
        return gapAwareToken(id).getNumber("index").longValue();
    }

    private BsonDocument gapAwareToken(String id) {
        if (!storedToken(id).isDocument("token")) {
            return new BsonDocument("gaps", new org.bson.BsonArray()).append("index", new org.bson.BsonInt64(-1));
        }
        BsonDocument token = storedToken(id).getDocument("token");
        if (token.containsKey("currentToken")) {
            return token.isDocument("currentToken") ? token.getDocument("currentToken")
                    : new BsonDocument("gaps", new org.bson.BsonArray()).append("index", new org.bson.BsonInt64(-1));
        }
        return token;
    }

    private BsonDocument storedToken(String id) {
        BsonDocument token = database.getCollection("tokens", BsonDocument.class).find(Filters.eq("_id", id)).first();
        return token == null ? new BsonDocument("token", new BsonDocument("gaps", new org.bson.BsonArray())
                .append("index", new org.bson.BsonInt64(-1))) : token;
    }

    static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(20);
        }
    }
}
