package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static dev.kehu.infra.eventstore.MongoEventStorageEngineTest.commit;
import static dev.kehu.infra.eventstore.StoreFixtures.booked;
import static dev.kehu.infra.eventstore.StoreFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;

/** Commits that arrive while another is being written are inserted together, each keeping its own positions. */
class GroupCommitTest {

    private static final MongoTestServer server = MongoTestServer.onKehuStore();

    private MongoDatabase database;
    private HeldEngine engine;
    private EventStore store;

    @BeforeEach
    void setUp() {
        database = server.newDatabase();
        engine = new HeldEngine(StoreFixtures.engineBuilder(database, s -> s));
        store = EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void commitsArrivingDuringAnInsertShareTheNextOneAndEachKeepsItsOwnPositions() throws Exception {
        engine.holdNextInsert();
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> commit(store, opened("ledger-0", "第一 first")));
        assertThat(engine.held.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Long>> waiting = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String ledger = "ledger-" + i;
            waiting.add(CompletableFuture.supplyAsync(() -> ledger.equals("ledger-3")
                    ? commit(store, opened(ledger, "杭州茶业 Hangzhou Tea"), booked(ledger, 1, "定金 deposit", "88.80"))
                    : commit(store, opened(ledger, "客户 customer " + ledger))));
        }
        Thread.sleep(500); // all six are queued behind the held insert by now
        engine.release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
        List<Long> lasts = new ArrayList<>();
        for (CompletableFuture<Long> commit : waiting) {
            lasts.add(commit.get(10, TimeUnit.SECONDS));
        }
        // one insert for the held commit, one for all six that waited (seven documents)
        assertThat(engine.insertSizes).containsExactly(1, 7);
        assertThat(lasts).doesNotHaveDuplicates().allMatch(last -> last >= 2 && last <= 8);
        List<BsonDocument> log = database.getCollection("events", BsonDocument.class).find().into(new ArrayList<>());
        assertThat(log).extracting(d -> d.getInt64("_id").getValue())
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 8).boxed().toList());
        for (BsonDocument document : log) {
            boolean twoEvents = document.getString("aggregateId").getValue().equals("ledger-3");
            long position = document.getInt64("_id").getValue();
            long commitFirst = document.getInt64("commitFirst").getValue();
            long commitLast = document.getInt64("commitLast").getValue();
            assertThat(commitLast - commitFirst).isEqualTo(twoEvents ? 1 : 0);
            assertThat(position).isBetween(commitFirst, commitLast);
            assertThat(lasts.contains(commitLast) || commitLast == 1).isTrue();
        }
        assertThat(engine.readEvents(null, false).toList()).hasSize(8);
        assertThat(store.readEvents("ledger-3").asStream()).hasSize(2);
        assertThat(new HashChainVerifier(database, EventStoreSettings.defaults()).verifyAll().ok()).isTrue();
    }

    @Test
    void aConflictFailsOnlyItsOwnCommitAndTheCommitsAfterItAreInsertedAgain() throws Exception {
        commit(store, opened("ledger-a", "深圳电子 Shenzhen Electronics"));
        engine.holdNextInsert();
        CompletableFuture<Long> held = CompletableFuture.supplyAsync(() -> commit(store, opened("ledger-0", "第一 first")));
        assertThat(engine.held.await(5, TimeUnit.SECONDS)).isTrue();
        // queued in this order behind the held insert
        CompletableFuture<Long> before = CompletableFuture.supplyAsync(
                () -> commit(store, opened("ledger-b", "广州物流 Guangzhou Logistics")));
        Thread.sleep(200);
        CompletableFuture<Long> conflicting = CompletableFuture.supplyAsync(() -> commit(store,
                opened("ledger-c", "成都火锅 Chengdu Hotpot"), opened("ledger-a", "重复 duplicate")));
        Thread.sleep(200);
        CompletableFuture<Long> after = CompletableFuture.supplyAsync(
                () -> commit(store, opened("ledger-d", "Acme Trading GmbH")));
        Thread.sleep(200);
        engine.release.countDown();

        assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo(2L);
        assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo(3L);
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(5L);
        assertThat(conflicting).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(AggregateStreamCreationException.class);
        // b, c, duplicate a, d went in one insert that failed at the duplicate; d was inserted again after it
        assertThat(engine.insertSizes).containsExactly(1, 1, 4, 1);

        // the failed commit's first event keeps its position, abandoned: the log stays dense
        BsonDocument abandoned = database.getCollection("events", BsonDocument.class).find(Filters.eq("_id", 4L)).first();
        assertThat(abandoned).isNotNull();
        assertThat(abandoned.getBoolean("abandoned").getValue()).isTrue();
        assertThat(abandoned.getString("abandonedAggregateId").getValue()).isEqualTo("ledger-c");
        assertThat(database.getCollection("events").countDocuments()).isEqualTo(5);
        assertThat(store.readEvents("ledger-c").asStream()).isEmpty();
        assertThat(engine.readEvents(null, false).map(e -> ((org.axonframework.eventhandling.DomainEventMessage<?>) e)
                .getAggregateIdentifier()).toList()).containsExactly("ledger-a", "ledger-0", "ledger-b", "ledger-d");
        assertThat(new HashChainVerifier(database, EventStoreSettings.defaults()).verifyAll().ok()).isTrue();

        assertThat(commit(store, opened("ledger-c", "成都火锅 Chengdu Hotpot"))).isEqualTo(6L);
    }

    /** An engine that records the size of every insert and can hold the next one until released. */
    static final class HeldEngine extends MongoEventStorageEngine {
        final List<Integer> insertSizes = new CopyOnWriteArrayList<>();
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean holdNext;

        HeldEngine(MongoEventStorageEngine.Builder builder) {
            super(builder);
        }

        void holdNextInsert() {
            holdNext = true;
        }

        @Override
        protected void insertDocuments(List<BsonDocument> documents) {
            insertSizes.add(documents.size());
            if (holdNext) {
                holdNext = false;
                held.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.insertDocuments(documents);
        }
    }
}
