package dev.kehu.infra.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.kehu.events.Money;
import dev.kehu.infra.eventstore.StoreFixtures;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.infra.audit.proof.ChainCheck;
import dev.kehu.infra.audit.proof.Digests;
import dev.kehu.infra.audit.proof.MerkleLog;
import dev.kehu.infra.audit.proof.VerificationJobs;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.bson.BsonDocument;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** A fresh database with the real engine writing events and the audit services reading them. */
final class AuditStore implements AutoCloseable {

    final MongoDatabase database;
    final MongoEventStorageEngine engine;
    final EventStore eventStore;
    final AuditLog log;
    final History history;
    final MerkleLog merkle;
    final Digests digests;
    final ChainCheck chains;
    final VerificationJobs jobs;

    AuditStore(MongoDatabase database) {
        this.database = database;
        EventStoreSettings settings = EventStoreSettings.defaults();
        engine = StoreFixtures.anEngine(database);
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        log = new AuditLog(database, settings);
        history = new History(log);
        merkle = new MerkleLog(database, "", log);
        digests = new Digests(log, merkle);
        chains = new ChainCheck(log, merkle);
        jobs = new VerificationJobs(database, "", log, merkle, Clock.systemUTC());
    }

    MongoCollection<BsonDocument> events() {
        return database.getCollection("events", BsonDocument.class);
    }

    static MetaData metadata(String actor, String reason, String correlationId) {
        return MetaData.from(Map.of("actor", actor, "reason", reason, "correlationId", correlationId,
                "causationId", "cmd-" + UUID.randomUUID()));
    }

    /** Last timestamp handed out, in epoch milliseconds: each event gets a later millisecond than the one before. */
    private static final AtomicLong lastMillis = new AtomicLong();

    /**
     * One event, stamped at least one millisecond after the event made before it. Events made within the same
     * millisecond would otherwise share a timestamp, and a time filter could not tell them apart (a flaky test
     * on CI found this).
     */
    static GenericDomainEventMessage<?> event(String type, String id, long seq, Object payload, MetaData metadata) {
        long millis = lastMillis.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
        return new GenericDomainEventMessage<>(type, id, seq, payload, metadata, UUID.randomUUID().toString(),
                Instant.ofEpochMilli(millis));
    }

    /** Appends one commit. */
    void commit(EventMessage<?>... events) {
        eventStore.publish(List.of(events));
    }

    static CustomerProfile company(String chineseName, String latinName, String creditCode, String region) {
        return new CustomerProfile(chineseName, latinName, creditCode, null, null, "retail", region, "BUSINESS",
                "REFERRAL", List.of("key"), List.of(), Map.of(), null);
    }

    /** {@code count} customers of three events each: registered, then two credit limits. */
    void customers(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            MetaData who = metadata(i % 2 == 0 ? "张伟" : "alice", "批量导入 bulk import", "corr-" + id);
            commit(event("Customer", id, 0, new CustomerRegistered(id, CustomerKind.COMPANY,
                    company("客户" + i + "有限公司", "Customer " + i + " Ltd.", "9111" + i, "上海")), who));
            commit(event("Customer", id, 1, new CreditLimitSet(id, Money.of("100000.00", "CNY"), null), who));
            commit(event("Customer", id, 2, new CreditLimitSet(id, Money.of(i + "00.50", "CNY"),
                    Money.of("100000.00", "CNY")), who));
        }
    }

    @Override
    public void close() {
        jobs.close();
        log.close();
    }
}
