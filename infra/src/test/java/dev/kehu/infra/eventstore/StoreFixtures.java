package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoDatabase;
import dev.kehu.events.Money;
import dev.kehu.infra.axon.AxonConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.util.Map;
import java.util.function.UnaryOperator;

/** Builders for engines (as the application configures them, on a given database) and test events. */
public final class StoreFixtures {

    private StoreFixtures() {
    }

    public static MongoEventStorageEngine anEngine(MongoDatabase database) {
        return anEngine(database, UnaryOperator.identity());
    }

    public static MongoEventStorageEngine anEngine(MongoDatabase database, UnaryOperator<EventStoreSettings> settings) {
        return engineBuilder(database, settings).build();
    }

    /** The default settings and the application's serializers; add what a test needs before {@code build()}. */
    public static MongoEventStorageEngine.Builder engineBuilder(MongoDatabase database) {
        return engineBuilder(database, UnaryOperator.identity());
    }

    public static MongoEventStorageEngine.Builder engineBuilder(MongoDatabase database,
                                                                UnaryOperator<EventStoreSettings> settings) {
        return MongoEventStorageEngine.builder()
                .database(database)
                .settings(settings.apply(EventStoreSettings.defaults()))
                .eventSerializer(AxonConfiguration.messageSerializer())
                .snapshotSerializer(AxonConfiguration.snapshotSerializer());
    }

    static MetaData auditMetaData(String actor) {
        return MetaData.from(Map.of("actor", actor, "reason", "季度对账 quarterly review",
                "correlationId", "corr-1", "causationId", "cmd-1"));
    }

    static DomainEventMessage<?> opened(String ledgerId, String ownerName) {
        return new GenericDomainEventMessage<>("Ledger", ledgerId, 0,
                new LedgerEvents.LedgerOpened(ledgerId, ownerName, Money.of("1000000.00", "CNY")),
                auditMetaData("张伟"));
    }

    static DomainEventMessage<?> booked(String ledgerId, long seq, String memo, String amount) {
        return new GenericDomainEventMessage<>("Ledger", ledgerId, seq,
                new LedgerEvents.AmountBooked(ledgerId, memo, Money.of(amount, "CNY")), auditMetaData("alice"));
    }

    /**
     * An engine whose first commit is interrupted by another instance: its first document lands, then
     * {@code cutIn} runs on another thread (outside this thread's unit of work) and takes the next position, then
     * the rest of the insert fails on that position. Later commits insert normally.
     */
    static MongoEventStorageEngine interruptedOnce(MongoDatabase database, Runnable cutIn) {
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        return new MongoEventStorageEngine(engineBuilder(database, UnaryOperator.identity())) {
            @Override
            protected void insertDocuments(java.util.List<org.bson.BsonDocument> documents) {
                if (interrupted.getAndSet(true)) {
                    super.insertDocuments(documents);
                    return;
                }
                super.insertDocuments(documents.subList(0, 1));
                java.util.concurrent.CompletableFuture.runAsync(cutIn).join();
                try {
                    super.insertDocuments(documents.subList(1, documents.size()));
                } catch (com.mongodb.MongoBulkWriteException e) {
                    // report the failed document's index within the whole commit, as one insertMany would
                    com.mongodb.bulk.BulkWriteError error = e.getWriteErrors().get(0);
                    throw new com.mongodb.MongoBulkWriteException(e.getWriteResult(), java.util.List.of(
                            new com.mongodb.bulk.BulkWriteError(error.getCode(), error.getMessage(),
                                    error.getDetails(), error.getIndex() + 1)),
                            null, e.getServerAddress(), java.util.Set.of());
                }
            }
        };
    }
}
