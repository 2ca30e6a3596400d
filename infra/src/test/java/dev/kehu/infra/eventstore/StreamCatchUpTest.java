package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.kehu.infra.eventstore.MongoEventStorageEngineTest.commit;
import static dev.kehu.infra.eventstore.StoreFixtures.anEngine;
import static dev.kehu.infra.eventstore.StoreFixtures.booked;
import static dev.kehu.infra.eventstore.StoreFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A processor far behind reads with one sorted cursor, one near the head by {@code _id} windows: both must deliver
 * exactly the events of complete commits, in commit order, past abandoned documents, and stop before a commit that
 * is still being inserted.
 */
class StreamCatchUpTest {

    private static final MongoTestServer server = new MongoTestServer();

    private MongoDatabase database;
    /** "aggregate#seq" of every committed event, in the order the commits completed. */
    private final List<String> committed = new ArrayList<>();
    private final int[] nextSeq = new int[12];

    @BeforeEach
    void setUp() {
        database = server.newDatabase();
        committed.clear();
        java.util.Arrays.fill(nextSeq, 0);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void catchingUpFromFarBehindDeliversWhatWindowsDeliver() {
        EventStore writer = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        EventStore other = EmbeddedEventStore.builder()
                .storageEngine(anEngine(server.newClient().getDatabase(database.getName()))).build();
        Random random = new Random(20261122L);
        for (int commit = 0; commit < 150; commit++) {
            List<EventMessage<?>> events = nextCommit(random, 1 + random.nextInt(5));
            if (commit % 16 == 7 && events.size() > 1) {
                commitInterrupted(events, other, random);
            } else {
                commit(writer, events.toArray(EventMessage[]::new));
                record(events);
            }
        }
        // a commit of three events stopped after its first document: the last thing in the log, still pending
        MongoEventStorageEngine dying = new MongoEventStorageEngineTest.DyingEngine(
                StoreFixtures.engineBuilder(database, s -> s), 1);
        List<EventMessage<?>> pending = nextCommit(random, 3);
        assertThatThrownBy(() -> commit(EmbeddedEventStore.builder().storageEngine(dying).build(),
                pending.toArray(EventMessage[]::new))).hasRootCauseMessage("writer killed");
        long head = new CommitLog(database.getCollection("events", BsonDocument.class),
                database.getCollection("counters", BsonDocument.class), java.time.Clock.systemUTC()).findHead();
        assertThat(database.getCollection("events").countDocuments(Filters.eq("abandoned", true))).isPositive();

        // batch size 10: the tail is far behind, so this reads with the cursor, in chunks of 40
        MongoEventStorageEngine cursorReader = anEngine(database, s -> s.withBatchSize(10));
        List<? extends TrackedEventMessage<?>> caughtUp = cursorReader.readEvents(null, false).toList();
        // batch size 1000: never far behind in a store this small, so this reads by windows
        MongoEventStorageEngine windowReader = anEngine(database, s -> s.withBatchSize(1000));
        List<? extends TrackedEventMessage<?>> windowed = windowReader.readEvents(null, false).toList();

        assertThat(keys(caughtUp)).containsExactlyElementsOf(committed);
        assertThat(keys(windowed)).containsExactlyElementsOf(committed);
        assertThat(indexes(caughtUp)).isEqualTo(indexes(windowed));
        assertThat(caughtUp).allSatisfy(event ->
                assertThat(((GapAwareTrackingToken) event.trackingToken()).getGaps()).isEmpty());
        assertThat(indexes(caughtUp)).isSorted().doesNotHaveDuplicates();
        assertThat(indexes(caughtUp).get(caughtUp.size() - 1)).isEqualTo(head - 1); // stopped before the pending one

        // from the middle, still a quarter of the store behind: the cursor again, and the same suffix
        TrackedEventMessage<?> middle = caughtUp.get(caughtUp.size() / 2);
        assertThat(keys(cursorReader.readEvents(middle.trackingToken(), false).toList()))
                .containsExactlyElementsOf(committed.subList(caughtUp.size() / 2 + 1, committed.size()));

        // another commit takes the position after the pending one, which is now abandoned: only the new event follows
        List<EventMessage<?>> last = nextCommit(random, 1);
        commit(writer, last.toArray(EventMessage[]::new));
        List<? extends TrackedEventMessage<?>> after = cursorReader
                .readEvents(caughtUp.get(caughtUp.size() - 1).trackingToken(), false).toList();
        assertThat(keys(after)).containsExactly(key(last.get(0)));
        assertThat(((GapAwareTrackingToken) after.get(0).trackingToken()).getIndex()).isEqualTo(head + 1);
    }

    @Test
    void aDocumentSlightlyOutOfPositionOrderIsWaitedFor() {
        long head = writeStore(new Random(7L));
        moveToEndOfNaturalOrder(head - 3); // the cursor returns it after the three following documents

        assertCursorDeliversEverythingInOrder(head);
    }

    @Test
    void aDocumentFarOutOfPositionOrderLeavesTheRestToWindows() {
        long head = writeStore(new Random(8L));
        moveToEndOfNaturalOrder(12); // more than four chunks would have to wait for it

        assertCursorDeliversEverythingInOrder(head);
    }

    private long writeStore(Random random) {
        EventStore writer = EmbeddedEventStore.builder().storageEngine(anEngine(database)).build();
        for (int commit = 0; commit < 120; commit++) {
            List<EventMessage<?>> events = nextCommit(random, 1 + random.nextInt(5));
            commit(writer, events.toArray(EventMessage[]::new));
            record(events);
        }
        return committed.size();
    }

    private void assertCursorDeliversEverythingInOrder(long head) {
        // batch size 10: the tail is far behind, so this reads with the cursor, in chunks of 40
        List<? extends TrackedEventMessage<?>> read = anEngine(database, s -> s.withBatchSize(10))
                .readEvents(null, false).toList();
        assertThat(keys(read)).containsExactlyElementsOf(committed);
        assertThat(indexes(read)).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, head).boxed().toList());
        assertThat(read).allSatisfy(event ->
                assertThat(((GapAwareTrackingToken) event.trackingToken()).getGaps()).isEmpty());
    }

    /**
     * Makes the cursor return the document at {@code position} after all others: mongo-java-server returns
     * documents in the order of its storage slots, and a re-inserted document takes a free slot, so placeholders
     * hold the free slots while the document is inserted again.
     */
    private void moveToEndOfNaturalOrder(long position) {
        var events = database.getCollection("events", BsonDocument.class);
        BsonDocument document = events.findOneAndDelete(Filters.eq("_id", position));
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placeholders.add("placeholder-" + i);
            events.insertOne(new BsonDocument("_id", new org.bson.BsonString(placeholders.get(i)))
                    .append("aggregateId", new org.bson.BsonString(placeholders.get(i))));
        }
        events.insertOne(document);
        events.deleteMany(Filters.in("_id", placeholders));
        List<Object> order = new ArrayList<>();
        events.find().forEach(found -> order.add(found.get("_id")));
        assertThat(order.get(order.size() - 1)).isEqualTo(new org.bson.BsonInt64(position));
    }

    /** The first document lands, another instance commits one event, the rest of the commit then fails. */
    private void commitInterrupted(List<EventMessage<?>> events, EventStore other, Random random) {
        List<EventMessage<?>> cutIn = nextCommit(random, 1);
        MongoEventStorageEngine interruptedWriter = StoreFixtures.interruptedOnce(database,
                () -> commit(other, cutIn.toArray(EventMessage[]::new)));
        commit(EmbeddedEventStore.builder().storageEngine(interruptedWriter).build(),
                events.toArray(EventMessage[]::new));
        record(cutIn);
        record(events);
    }

    private List<EventMessage<?>> nextCommit(Random random, int size) {
        List<EventMessage<?>> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int ledger = random.nextInt(nextSeq.length);
            int seq = nextSeq[ledger]++;
            String id = "ledger-" + ledger;
            events.add(seq == 0 ? opened(id, "账本 " + ledger + " Ledger " + ledger)
                    : booked(id, seq, "第" + seq + "笔 entry " + seq, seq + ".00"));
        }
        return events;
    }

    private void record(List<EventMessage<?>> events) {
        events.forEach(event -> committed.add(key(event)));
    }

    private static String key(EventMessage<?> event) {
        DomainEventMessage<?> domain = (DomainEventMessage<?>) event;
        return domain.getAggregateIdentifier() + "#" + domain.getSequenceNumber();
    }

    private static List<String> keys(List<? extends TrackedEventMessage<?>> events) {
        return events.stream().map(StreamCatchUpTest::key).toList();
    }

    private static List<Long> indexes(List<? extends TrackedEventMessage<?>> events) {
        return events.stream().map(event -> ((GapAwareTrackingToken) event.trackingToken()).getIndex()).toList();
    }
}
