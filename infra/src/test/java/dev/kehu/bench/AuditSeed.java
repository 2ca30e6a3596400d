package dev.kehu.bench;

import dev.kehu.events.Money;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.infra.audit.index.AuditIndex;
import dev.kehu.infra.audit.index.IndexEntry;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

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
 * {@value #COMMIT} events at a time through the real engine; the actor and correlation index is fed the same entries
 * through {@link AuditIndex#append} (the processor's write path). Seeding stops at a time bound: then the big
 * customer's missing events are written at once and the store is smaller than asked (the caller reports the size).
 */
final class AuditSeed {

    static final String BIG = "big";
    static final int BIG_CUSTOMER_EVENTS = 10_000;
    static final int EVENTS_PER_CUSTOMER = 10;
    private static final int COMMIT = 500;
    /** Events per correlation id: one bulk-import request ("批量导入") touches several customers. */
    private static final int EVENTS_PER_REQUEST = 10;
    static final String[] ACTORS = {"张伟", "李娜", "王芳", "alice", "bob", "carol", "刘洋", "陈静"};

    private final MongoEventStorageEngine engine;
    private final AuditIndex index;
    private final Random random = new Random(20261207L);
    private final List<EventMessage<?>> commit = new ArrayList<>(COMMIT);
    private final List<IndexEntry> entries = new ArrayList<>(COMMIT);
    private Instant clock = Instant.parse("2025-01-01T00:00:00Z");
    private long written;
    private long bigSeq;

    AuditSeed(MongoEventStorageEngine engine, AuditIndex index) {
        this.engine = engine;
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
            flush();
        }
    }

    private void flush() {
        if (!commit.isEmpty()) {
            engine.appendEvents(commit);
            commit.clear();
        }
        if (!entries.isEmpty()) {
            index.append(entries);
            entries.clear();
        }
    }
}
