package dev.kehu.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import dev.kehu.events.Money;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.infra.audit.index.AuditIndex;
import dev.kehu.infra.audit.index.IndexEntry;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.BsonDocument;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The audit benchmark's seeded store: customers of {@value #EVENTS_PER_CUSTOMER} events (registered, then credit
 * limits) and one customer {@value #BIG} of {@value #BIG_CUSTOMER_EVENTS} events spread over the log, committed
 * {@value #COMMIT} events at a time through the real engine (its documents, positions, commit ranges and hash chains);
 * the actor and correlation index is fed the same entries through {@link AuditIndex#append} (the processor's write
 * path). Seeding stops at a time bound: then the big customer's missing events are written at once and the store is
 * smaller than asked (the caller reports the size).
 *
 * <p>Fast: the engine's inserts are held back and written {@value #FLUSH} documents at a time ({@link BulkEngine}), so
 * the embedded server syncs its file once per flush, not once per commit; the engine's hash cache holds every
 * aggregate, so chaining reads nothing back. The documents are those the engine writes commit by commit (the same
 * generator and seed give the same store, position by position).
 */
final class AuditSeed {

    static final String BIG = "big";
    static final int BIG_CUSTOMER_EVENTS = 10_000;
    static final int EVENTS_PER_CUSTOMER = 10;
    private static final int COMMIT = 500;
    /** Documents per insert into the server (and entries per index append). */
    private static final int FLUSH = 20_000;
    /** Events per correlation id: one bulk-import request ("批量导入") touches several customers. */
    private static final int EVENTS_PER_REQUEST = 10;
    static final String[] ACTORS = {"张伟", "李娜", "王芳", "alice", "bob", "carol", "刘洋", "陈静"};

    private final BulkEngine engine;
    private final AuditIndex index;
    private final Random random = new Random(20261207L);
    private final List<EventMessage<?>> commit = new ArrayList<>(COMMIT);
    private final List<IndexEntry> entries = new ArrayList<>(FLUSH);
    private Instant clock = Instant.parse("2025-01-01T00:00:00Z");
    private long written;
    private long bigSeq;

    /** A seed of about {@code total} events into {@code database} (its {@code events} collection must be empty). */
    AuditSeed(MongoDatabase database, AuditIndex index, long total) {
        long aggregates = total / EVENTS_PER_CUSTOMER + 2;
        EventStoreSettings settings = EventStoreSettings.defaults();
        this.engine = new BulkEngine(MongoEventStorageEngine.builder().database(database)
                .settings(new EventStoreSettings(settings.collectionPrefix(), settings.batchSize(),
                        settings.gapTimeout(), settings.maxGapOffset(), settings.orphanTimeout(),
                        (int) Math.min(Integer.MAX_VALUE, aggregates)))
                .eventSerializer(AxonConfiguration.messageSerializer())
                .snapshotSerializer(AxonConfiguration.snapshotSerializer()));
        this.index = index;
    }

    /** Writes up to {@code total} events (fewer if {@code bound} runs out); returns the number written. */
    long write(long total, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        long started = System.nanoTime();
        long customers = (total - BIG_CUSTOMER_EVENTS) / EVENTS_PER_CUSTOMER;
        double bigShare = (double) BIG_CUSTOMER_EVENTS / (customers * EVENTS_PER_CUSTOMER);
        long nextReport = 50_000;
        rounds:
        for (int round = 0; round < EVENTS_PER_CUSTOMER; round++) {
            for (long c = 0; c < customers; c++) {
                add("c-" + c, round, c);
                if (bigSeq < BIG_CUSTOMER_EVENTS && random.nextDouble() < bigShare) {
                    add(BIG, bigSeq++, -1);
                }
                if (written >= nextReport) {
                    nextReport += 50_000;
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf(Locale.ROOT, "seeded %,d events in %.0f s (%.0f events/s)%n", written, seconds,
                            written / seconds);
                    if (System.nanoTime() > deadline) {
                        System.out.printf(Locale.ROOT, "seeding bound of %s reached at %,d events%n", bound, written);
                        break rounds;
                    }
                }
            }
        }
        while (bigSeq < BIG_CUSTOMER_EVENTS || written < total && System.nanoTime() < deadline) {
            add(BIG, bigSeq++, -1);
        }
        commit();
        flush();
        return written;
    }

    private void add(String id, long seq, long number) {
        String actor = ACTORS[random.nextInt(ACTORS.length)];
        Object payload = seq == 0
                ? new CustomerRegistered(id, CustomerKind.COMPANY, new CustomerProfile("客户" + number + "有限公司",
                "Customer " + number + " Ltd.", "9111" + number, null, null, "retail", "上海", "BUSINESS",
                "REFERRAL", List.of(), List.of(), Map.of(), null))
                : new CreditLimitSet(id, Money.of((100 + random.nextInt(9000)) + "000.00", "CNY"), null);
        clock = clock.plusMillis(random.nextInt(200));
        String correlation = "corr-" + written / EVENTS_PER_REQUEST;
        commit.add(new GenericDomainEventMessage<>("Customer", id, seq, payload, MetaData.from(Map.of(
                "actor", actor, "reason", "批量导入 bulk import", "correlationId", correlation,
                "causationId", "cmd-" + written)), new UUID(random.nextLong(), random.nextLong()).toString(), clock));
        written++;
        entries.add(new IndexEntry(written, "Customer", id, seq, payload.getClass().getSimpleName(), clock, actor,
                correlation));
        if (commit.size() == COMMIT) {
            commit();
            if (entries.size() >= FLUSH) {
                flush();
            }
        }
    }

    /** Hands the commit to the engine, which places and chains it (its insert waits in the {@link BulkEngine}). */
    private void commit() {
        if (!commit.isEmpty()) {
            engine.appendEvents(commit);
            commit.clear();
        }
    }

    /** Writes the held-back documents, then their index entries. */
    private void flush() {
        engine.flush();
        if (!entries.isEmpty()) {
            index.append(entries);
            entries.clear();
        }
    }

    /**
     * The real engine, whose inserts wait until {@link #flush}: it places commits at the head it keeps in memory
     * (the store has no other writer while seeding) and chains them from its hash cache, so holding the documents
     * back changes none of them.
     */
    private static final class BulkEngine extends MongoEventStorageEngine {
        private final List<BsonDocument> held = new ArrayList<>();

        BulkEngine(Builder builder) {
            super(builder);
        }

        @Override
        protected void insertDocuments(List<BsonDocument> documents) {
            held.addAll(documents);
        }

        void flush() {
            if (!held.isEmpty()) {
                MongoCollection<BsonDocument> events = eventsCollection();
                events.insertMany(held, new InsertManyOptions().ordered(true));
                held.clear();
            }
        }
    }
}
