package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.Money;
import dev.kehu.infra.MutableClock;
import dev.kehu.infra.axon.AxonConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static dev.kehu.infra.eventstore.StoreFixtures.anEngine;
import static dev.kehu.infra.eventstore.StoreFixtures.booked;
import static dev.kehu.infra.eventstore.StoreFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoEventStorageEngineTest {

    private static final MongoTestServer server = MongoTestServer.onKehuStore();

    private MongoDatabase database;
    private MongoEventStorageEngine engine;
    private EventStore eventStore;

    @BeforeEach
    void setUp() {
        database = server.newDatabase();
        engine = anEngine(database);
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void appendsAndLoadsAnAggregateAsReadableDocuments() {
        Long position = commit(eventStore, opened("ledger-1", "北京星辰科技有限公司 Beijing Star Tech"),
                booked("ledger-1", 1, "首付款 down payment", "2500.50"),
                booked("ledger-1", 2, "尾款 final payment", "100.00"));

        List<? extends DomainEventMessage<?>> loaded = eventStore.readEvents("ledger-1").asStream().toList();

        assertThat(position).isEqualTo(3L);
        assertThat(loaded).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(loaded.get(0).getPayload()).isEqualTo(new LedgerEvents.LedgerOpened("ledger-1",
                "北京星辰科技有限公司 Beijing Star Tech", Money.of("1000000.00", "CNY")));
        assertThat(loaded.get(2).getPayload()).isEqualTo(
                new LedgerEvents.AmountBooked("ledger-1", "尾款 final payment", Money.of("100.00", "CNY")));
        assertThat(loaded.get(1).getMetaData()).containsEntry("actor", "alice")
                .containsEntry("reason", "季度对账 quarterly review");
        assertThat(engine.lastSequenceNumberFor("ledger-1")).contains(2L);
        assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();

        BsonDocument stored = database.getCollection("events", BsonDocument.class)
                .find(Filters.eq("_id", 2L)).first();
        assertThat(stored).isNotNull();
        assertThat(stored.getString("aggregateType").getValue()).isEqualTo("Ledger");
        assertThat(stored.getString("aggregateId").getValue()).isEqualTo("ledger-1");
        assertThat(stored.getInt64("seq").getValue()).isEqualTo(1L);
        assertThat(stored.getString("type").getValue()).endsWith("LedgerEvents$AmountBooked");
        assertThat(stored.getString("revision").getValue()).isEqualTo("1");
        assertThat(stored.getInt64("commitFirst").getValue()).isEqualTo(1L);
        assertThat(stored.getInt64("commitLast").getValue()).isEqualTo(3L);
        assertThat(stored.getDocument("payload").getString("memo").getValue()).isEqualTo("首付款 down payment");
        assertThat(stored.getDocument("payload").getDocument("amount").getDecimal128("amount").getValue()
                .bigDecimalValue()).isEqualTo(new BigDecimal("2500.50"));
        BsonDocument metadata = stored.getDocument("metadata");
        assertThat(metadata.getString("actor").getValue()).isEqualTo("alice");
        assertThat(metadata.getString("correlationId").getValue()).isEqualTo("corr-1");
        assertThat(metadata.getString("causationId").getValue()).isEqualTo("cmd-1");
        assertThat(stored.getString("prevHash").getValue()).hasSize(64);
        assertThat(stored.getString("hash").getValue()).hasSize(64);
    }

    @Test
    void storesExactlyTheMetadataTheProducerGaveAndInventsNoActor() {
        EventMessage<?> bare = GenericEventMessage.asEventMessage(new LedgerEvents.LedgerAudited("审计员 auditor", "ok"));
        EventMessage<?> tagged = GenericEventMessage.asEventMessage(new LedgerEvents.LedgerAudited("李娜", "复核 recheck"))
                .withMetaData(java.util.Map.of("reason", "年度审计 annual audit"));

        commit(eventStore, bare, tagged);

        BsonDocument stored = database.getCollection("events", BsonDocument.class).find(Filters.eq("_id", 1L)).first();
        assertThat(stored.getString("aggregateId").getValue()).isEqualTo("_event:" + bare.getIdentifier());
        assertThat(stored.getDocument("metadata")).isEmpty();
        BsonDocument second = database.getCollection("events", BsonDocument.class).find(Filters.eq("_id", 2L)).first();
        assertThat(second.getDocument("metadata"))
                .isEqualTo(new BsonDocument("reason", new BsonString("年度审计 annual audit")));
        List<? extends TrackedEventMessage<?>> streamed = engine.readEvents(null, false).toList();
        assertThat(streamed).hasSize(2);
        assertThat(streamed.get(0)).isNotInstanceOf(DomainEventMessage.class);
        assertThat(streamed.get(0).getPayload()).isEqualTo(new LedgerEvents.LedgerAudited("审计员 auditor", "ok"));
        assertThat(streamed.get(0).getMetaData()).isEmpty();
        assertThat(streamed.get(1).getMetaData()).containsExactlyEntriesOf(java.util.Map.of("reason", "年度审计 annual audit"));
        assertThat(new HashChainVerifier(database, EventStoreSettings.defaults()).verifyAll().ok()).isTrue();
    }

    @Test
    void refusesAnEventIdentifierStoredByAnEarlierCommitAndKeepsTheLogDense() {
        DomainEventMessage<?> first = opened("ledger-a", "上海浦东发展银行 SPD Bank");
        commit(eventStore, first);
        // the same identifier again, for another aggregate and a free sequence number: only the event id collides
        DomainEventMessage<?> sameId = new org.axonframework.eventhandling.GenericDomainEventMessage<>("Ledger",
                "ledger-b", 0, new LedgerEvents.LedgerOpened("ledger-b", "重复 duplicate", Money.of("1.00", "CNY")),
                StoreFixtures.auditMetaData("王芳"), first.getIdentifier(), first.getTimestamp());

        assertThatThrownBy(() -> commit(eventStore, booked("ledger-a", 1, "先到 first", "5.00"), sameId))
                .isInstanceOf(AggregateStreamCreationException.class)
                .hasMessageContaining(first.getIdentifier());
        DomainEventMessage<?> sameIdLater = new org.axonframework.eventhandling.GenericDomainEventMessage<>("Ledger",
                "ledger-a", 1, new LedgerEvents.AmountBooked("ledger-a", "重复 duplicate", Money.of("1.00", "CNY")),
                StoreFixtures.auditMetaData("王芳"), first.getIdentifier(), first.getTimestamp());
        assertThatThrownBy(() -> commit(eventStore, sameIdLater))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("identifier [" + first.getIdentifier() + "]");

        // nothing of the failed commits is visible, the aggregate's next sequence number is free, no position is lost
        assertThat(eventStore.readEvents("ledger-b").asStream()).isEmpty();
        Long next = commit(eventStore, booked("ledger-a", 1, "后到 second", "6.00"));
        assertThat(next).isEqualTo(3L);
        assertThat(engine.readEvents(null, false).map(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier()
                + "#" + ((DomainEventMessage<?>) event).getSequenceNumber()).toList())
                .containsExactly("ledger-a#0", "ledger-a#1");
        assertThat(new HashChainVerifier(database, EventStoreSettings.defaults()).verifyAll().ok()).isTrue();
    }

    @Test
    void createsTheUniqueEventIdIndexOnAStoreWhoseAbandonedCopiesStillHoldTheirIds() {
        var events = database.getCollection("events", BsonDocument.class);
        events.dropIndexes();
        commit(eventStore, opened("ledger-m", "迁移 migration"));
        // an abandoned copy of the same event, as a writer cut in by another instance left it before the index
        BsonDocument copy = events.find(Filters.eq("_id", 1L)).first().clone();
        copy.put("_id", new BsonInt64(2));
        copy.put("commitFirst", new BsonInt64(2));
        copy.put("commitLast", new BsonInt64(3));
        copy.put("aggregateId", new BsonString("_abandoned:2:ledger-m"));
        copy.put("abandoned", org.bson.BsonBoolean.TRUE);
        events.insertOne(copy);

        MongoEventStorageEngine restarted = anEngine(database);

        BsonDocument renamed = events.find(Filters.eq("_id", 2L)).first();
        assertThat(renamed.getString("eventId").getValue()).startsWith("_abandoned:2:");
        assertThat(renamed.getString("abandonedEventId").getValue())
                .isEqualTo(events.find(Filters.eq("_id", 1L)).first().getString("eventId").getValue());
        assertThat(events.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                .contains("eventId_unique");
        assertThat(restarted.readEvents("ledger-m").asStream()).hasSize(1);
    }

    @Test
    void letsExactlyOneOfTwoIndependentlyConfiguredInstancesWinARace() throws Exception {
        commit(eventStore, opened("ledger-race", "上海贸易 Shanghai Trading"));
        Configuration first = axonInstance(server.newClient().getDatabase(database.getName()));
        Configuration second = axonInstance(server.newClient().getDatabase(database.getName()));
        CyclicBarrier bothStaged = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Throwable> a = threads.submit(racer(first.eventStore(), bothStaged, "A 甲"));
            Future<Throwable> b = threads.submit(racer(second.eventStore(), bothStaged, "B 乙"));
            List<Throwable> outcomes = java.util.Arrays.asList(a.get(), b.get()).stream()
                    .filter(t -> t != null).collect(Collectors.toList());

            assertThat(outcomes).hasSize(1);
            assertThat(outcomes.get(0)).isInstanceOf(ConcurrencyException.class);
        } finally {
            threads.shutdownNow();
            first.shutdown();
            second.shutdown();
        }
        List<? extends DomainEventMessage<?>> loaded = eventStore.readEvents("ledger-race").asStream().toList();
        assertThat(loaded).hasSize(2);
        assertThat(((LedgerEvents.AmountBooked) loaded.get(1).getPayload()).memo()).isIn("A 甲", "B 乙");
        assertThat(database.getCollection("events").countDocuments()).isEqualTo(2);
    }

    private static Callable<Throwable> racer(EventStore store, CyclicBarrier bothStaged, String memo) {
        return () -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            store.publish(booked("ledger-race", 1, memo, "1.00"));
            bothStaged.await();
            try {
                unitOfWork.commit();
                return null;
            } catch (Throwable failure) {
                return failure;
            }
        };
    }

    private static Configuration axonInstance(MongoDatabase database) {
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> AxonConfiguration.messageSerializer())
                .configureEmbeddedEventStore(c -> anEngine(database))
                .buildConfiguration();
        configuration.start();
        return configuration;
    }

    @Test
    void failsAMultiAggregateCommitAsAWholeWhenOneAggregateConflicts() {
        commit(eventStore, opened("ledger-a", "深圳电子 Shenzhen Electronics"));
        long countBefore = database.getCollection("events").countDocuments();

        assertThatThrownBy(() -> commit(eventStore,
                opened("ledger-b", "广州物流 Guangzhou Logistics"),
                booked("ledger-b", 1, "预留信用 credit reservation", "5000.00"),
                opened("ledger-a", "重复 duplicate")))
                .isInstanceOf(AggregateStreamCreationException.class);

        // what the commit had inserted before the conflict stays in its positions, marked abandoned, keys freed
        assertThat(database.getCollection("events").countDocuments(Filters.ne("abandoned", true)))
                .isEqualTo(countBefore);
        assertThat(database.getCollection("events", BsonDocument.class).find(Filters.eq("abandoned", true))
                .map(d -> d.getString("abandonedAggregateId").getValue()).into(new ArrayList<>()))
                .containsExactly("ledger-b", "ledger-b");
        assertThat(eventStore.readEvents("ledger-b").asStream()).isEmpty();
        assertThat(engine.readEvents(null, false).map(e -> (Object) e.getPayload()).toList())
                .containsExactly(new LedgerEvents.LedgerOpened("ledger-a", "深圳电子 Shenzhen Electronics",
                        Money.of("1000000.00", "CNY")));

        commit(eventStore, opened("ledger-b", "广州物流 Guangzhou Logistics"));
        commit(eventStore, booked("ledger-a", 1, "之后 afterwards", "1.00"));
        assertThat(eventStore.readEvents("ledger-b").asStream()).hasSize(1);
        assertThat(eventStore.readEvents("ledger-a").asStream()).hasSize(2);
    }

    @Test
    void aWriterKilledMidCommitLeavesNothingVisibleAndBlocksOnlyUntilTheOrphanTimeout() throws Exception {
        // The second instance reads the time from a clock the test moves: on a loaded machine the real
        // 500 ms could pass before its first attempt, which must come while the orphan is still young.
        Instant beforeTheDeath = Instant.now();
        MutableClock clock = new MutableClock(beforeTheDeath);
        MongoEventStorageEngine dying = new DyingEngine(StoreFixtures.engineBuilder(database,
                settings -> settings.withOrphanTimeout(Duration.ofMillis(500))), 2);
        EventStore dyingStore = EmbeddedEventStore.builder().storageEngine(dying).build();
        assertThatThrownBy(() -> commit(dyingStore, opened("ledger-k", "杭州软件 Hangzhou Software"),
                booked("ledger-k", 1, "一 one", "1.00"), booked("ledger-k", 2, "二 two", "2.00")))
                .hasRootCauseMessage("writer killed");
        assertThat(database.getCollection("events").countDocuments()).isEqualTo(2);

        MongoEventStorageEngine other = StoreFixtures.engineBuilder(server.newClient().getDatabase(database.getName()),
                settings -> settings.withOrphanTimeout(Duration.ofMillis(500))).clock(clock).build();
        EventStore otherStore = EmbeddedEventStore.builder().storageEngine(other).build();
        assertThat(otherStore.readEvents("ledger-k").asStream()).isEmpty();
        assertThat(other.readEvents(null, false)).isEmpty();
        assertThat(other.lastSequenceNumberFor("ledger-k")).isEmpty();
        assertThatThrownBy(() -> commit(otherStore, opened("ledger-k", "太早 too early")))
                .isInstanceOf(AggregateStreamCreationException.class);

        clock.set(Instant.now().plusMillis(700));
        commit(otherStore, opened("ledger-k", "杭州软件 Hangzhou Software 2"));

        List<? extends DomainEventMessage<?>> loaded = otherStore.readEvents("ledger-k").asStream().toList();
        assertThat(loaded).hasSize(1);
        assertThat(((LedgerEvents.LedgerOpened) loaded.get(0).getPayload()).ownerName())
                .isEqualTo("杭州软件 Hangzhou Software 2");
        // the dead commit's two documents are abandoned, a marker closed it, the new event follows
        assertThat(database.getCollection("events").countDocuments(Filters.eq("abandoned", true))).isEqualTo(3);
        assertThat(other.readEvents(null, false).map(e -> (Object) e.getPayload()).toList()).containsExactly(
                new LedgerEvents.LedgerOpened("ledger-k", "杭州软件 Hangzhou Software 2", Money.of("1000000.00", "CNY")));
        assertThat(commit(EmbeddedEventStore.builder().storageEngine(anEngine(database)).build(),
                booked("ledger-k", 1, "三 three", "3.00"))).isEqualTo(5L);
        assertThat(new HashChainVerifier(database, EventStoreSettings.defaults()).verify("ledger-k").ok()).isTrue();
    }

    @Test
    void streamsPastHolesLeftByTheCounterBasedPredecessorAndDropsThemAfterTheGapTimeout() throws Exception {
        // a store written by the earlier engine: positions came from a counter, 1..10 were reserved, never written
        commit(eventStore, opened("ledger-g", "成都 Chengdu"));
        var eventsCollection = database.getCollection("events", BsonDocument.class);
        BsonDocument legacy = eventsCollection.findOneAndDelete(Filters.eq("_id", 1L));
        legacy.put("_id", new BsonInt64(11));
        legacy.put("commitLast", new BsonInt64(11));
        legacy.remove("commitFirst");
        eventsCollection.insertOne(legacy);
        database.getCollection("counters", BsonDocument.class).insertOne(
                new BsonDocument("_id", new BsonString("events")).append("value", new BsonInt64(11)));
        MongoEventStorageEngine fastGaps = anEngine(database, settings -> settings.withGapTimeout(Duration.ofMillis(300))
                .withBatchSize(4));

        List<? extends TrackedEventMessage<?>> first = fastGaps.readEvents(null, false).toList();
        assertThat(first).hasSize(1);
        GapAwareTrackingToken token = (GapAwareTrackingToken) first.get(0).trackingToken();
        assertThat(token.getIndex()).isEqualTo(11L);
        assertThat(token.getGaps()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

        Thread.sleep(400);
        // the new engine continues after the predecessor's counter, not in its holes
        assertThat(commit(EmbeddedEventStore.builder().storageEngine(fastGaps).build(),
                booked("ledger-g", 1, "后 later", "3.00"))).isEqualTo(12L);
        List<? extends TrackedEventMessage<?>> next = fastGaps.readEvents(token, false).toList();
        assertThat(next).hasSize(1);
        GapAwareTrackingToken after = (GapAwareTrackingToken) next.get(0).trackingToken();
        assertThat(after.getIndex()).isEqualTo(12L);
        assertThat(after.getGaps()).isEmpty();
        assertThat(fastGaps.readEvents("ledger-g").asStream()).hasSize(2);
    }

    @Test
    void createsHeadAndTimeTokensFromPointReadsOnly() throws Exception {
        commit(eventStore, opened("ledger-t", "西安 Xi'an"));
        java.time.Instant between = java.time.Instant.now();
        Thread.sleep(20);
        commit(eventStore, booked("ledger-t", 1, "之后 later", "5.00"));
        // a commit of two events still being inserted at positions 3..4: the head token stops before it
        MongoEventStorageEngine dying = new DyingEngine(StoreFixtures.engineBuilder(database, s -> s), 1);
        assertThatThrownBy(() -> commit(EmbeddedEventStore.builder().storageEngine(dying).build(),
                booked("ledger-t", 2, "进行中 in flight", "1.00"), booked("ledger-t", 3, "进行中 in flight", "2.00")))
                .hasRootCauseMessage("writer killed");

        GapAwareTrackingToken head = (GapAwareTrackingToken) engine.createHeadToken();
        GapAwareTrackingToken at = (GapAwareTrackingToken) engine.createTokenAt(between);

        assertThat(head.getIndex()).isEqualTo(2L);
        assertThat(head.getGaps()).isEmpty();
        assertThat(at.getIndex()).isEqualTo(1L);
        assertThat(engine.readEvents(at, false).map(e -> (Object) e.getPayload()).toList()).containsExactly(
                new LedgerEvents.AmountBooked("ledger-t", "之后 later", Money.of("5.00", "CNY")));
        assertThat(engine.readEvents(head, false)).isEmpty();
        assertThat(engine.readEvents(engine.createTailToken(), false)).hasSize(2);
    }

    @Test
    void aCommitLandsAfterEveryEventStoredBeforeItWhicheverInstanceWroteIt() {
        EventStore instanceA = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        EventStore instanceB = EmbeddedEventStore.builder()
                .storageEngine(anEngine(server.newClient().getDatabase(database.getName()))).build();
        long a1 = commit(instanceA, opened("ledger-a", "上海浦江贸易 Pujiang Trading"));
        // B stores an aggregate's first event, then more; A last saw position 1
        long x0 = commit(instanceB, opened("ledger-x", "深圳前海物流 Qianhai Logistics"));
        long b2 = commit(instanceB, opened("ledger-y", "南京 Nanjing"), booked("ledger-y", 1, "一 one", "1.00"));

        // A appends the aggregate's next event: it lands after everything B stored, not at A's stale head
        long x1 = commit(instanceA, booked("ledger-x", 1, "定金 deposit", "800.00"));

        assertThat(List.of(a1, x0, b2, x1)).containsExactly(1L, 2L, 4L, 5L);
        List<TrackedEventMessage<?>> stream = engine.readEvents(null, false)
                .map(event -> (TrackedEventMessage<?>) event).collect(Collectors.toList());
        assertThat(stream).extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .containsExactly("ledger-a", "ledger-x", "ledger-y", "ledger-y", "ledger-x");
        assertThat(stream).extracting(event -> ((GapAwareTrackingToken) event.trackingToken()).getIndex())
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(instanceA.readEvents("ledger-x").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L);
    }

    @Test
    void aCommitInterruptedByAnotherInstanceIsAbandonedAndStoredAgainAfterIt() {
        EventStore other = EmbeddedEventStore.builder()
                .storageEngine(anEngine(server.newClient().getDatabase(database.getName()))).build();
        // the first document lands, then another instance takes the next position, then the rest fails
        MongoEventStorageEngine interruptedWriter = StoreFixtures.interruptedOnce(database,
                () -> commit(other, opened("ledger-o", "插队 cut in")));

        long last = commit(EmbeddedEventStore.builder().storageEngine(interruptedWriter).build(),
                opened("ledger-i", "被打断 interrupted"), booked("ledger-i", 1, "二 two", "2.00"));

        assertThat(last).isEqualTo(4L);
        BsonDocument abandoned = database.getCollection("events", BsonDocument.class)
                .find(Filters.eq("_id", 1L)).first();
        assertThat(abandoned.getBoolean("abandoned").getValue()).isTrue();
        assertThat(abandoned.getString("abandonedAggregateId").getValue()).isEqualTo("ledger-i");
        assertThat(engine.readEvents(null, false)
                .map(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier() + "#"
                        + ((DomainEventMessage<?>) event).getSequenceNumber()).toList())
                .containsExactly("ledger-o#0", "ledger-i#0", "ledger-i#1");
        assertThat(eventStore.readEvents("ledger-i").asStream()).hasSize(2);
        assertThat(new HashChainVerifier(database, EventStoreSettings.defaults()).verifyAll().ok()).isTrue();
    }

    @Test
    void concurrentWritersOfTwoInstancesEachLandExactlyOnceInADenseLog() throws Exception {
        EventStore instanceA = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        EventStore instanceB = EmbeddedEventStore.builder()
                .storageEngine(anEngine(server.newClient().getDatabase(database.getName()))).build();
        int writers = 6;
        int commitsPerWriter = 40;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        CyclicBarrier start = new CyclicBarrier(writers);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            EventStore store = writer % 2 == 0 ? instanceA : instanceB;
            String ledger = "ledger-w" + writer;
            results.add(threads.submit(() -> {
                start.await();
                List<Long> positions = new ArrayList<>();
                positions.add(commit(store, opened(ledger, "并发 concurrent " + ledger)));
                for (int seq = 1; seq < commitsPerWriter; seq += 4) {
                    positions.add(commit(store, booked(ledger, seq, "一 one", "1.00"),
                            booked(ledger, seq + 1, "二 two", "2.00"), booked(ledger, seq + 2, "三 three", "3.00"),
                            booked(ledger, seq + 3, "四 four", "4.00")));
                }
                return positions;
            }));
        }
        List<Long> lastPositions = new ArrayList<>();
        try {
            for (Future<List<Long>> result : results) {
                lastPositions.addAll(result.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }

        int events = writers * (commitsPerWriter + 1);
        List<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false).toList();
        assertThat(stream).hasSize(events);
        // every ledger's events arrive in sequence order, each exactly once
        for (int writer = 0; writer < writers; writer++) {
            String ledger = "ledger-w" + writer;
            assertThat(stream.stream().map(e -> (DomainEventMessage<?>) e)
                    .filter(e -> e.getAggregateIdentifier().equals(ledger))
                    .map(DomainEventMessage::getSequenceNumber).toList())
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(0, commitsPerWriter).boxed().toList());
            assertThat(eventStore.readEvents(ledger).asStream()).hasSize(commitsPerWriter + 1);
        }
        // the log has no holes: every position up to the head holds an event or an abandoned document
        long stored = database.getCollection("events").countDocuments();
        long abandoned = database.getCollection("events").countDocuments(Filters.eq("abandoned", true));
        assertThat(stored - abandoned).isEqualTo(events);
        assertThat(database.getCollection("events", BsonDocument.class).find(Filters.eq("_id", stored)).first())
                .isNotNull();
        assertThat(lastPositions).doesNotHaveDuplicates().allMatch(position -> position <= stored);
        assertThat(new HashChainVerifier(database, EventStoreSettings.defaults()).verifyAll().ok()).isTrue();
    }

    /** Appends the events in one unit of work; returns the position the store put into its resources. */
    static Long commit(EventStore store, EventMessage<?>... events) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        List<Long> position = new ArrayList<>();
        unitOfWork.afterCommit(u -> position.add((Long) u.resources().get(MongoEventStorageEngine.LAST_COMMITTED_POSITION)));
        store.publish(events);
        unitOfWork.commit();
        return position.get(0);
    }

    /** An engine whose writer dies after inserting the first {@code survivors} documents of a commit. */
    static final class DyingEngine extends MongoEventStorageEngine {
        private final int survivors;

        DyingEngine(MongoEventStorageEngine.Builder builder, int survivors) {
            super(builder);
            this.survivors = survivors;
        }

        @Override
        protected void insertDocuments(List<BsonDocument> documents) {
            super.insertDocuments(documents.subList(0, survivors));
            throw new IllegalStateException("writer killed");
        }
    }
}
