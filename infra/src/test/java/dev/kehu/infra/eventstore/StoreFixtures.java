package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoDatabase;
import dev.kehu.events.Money;
import dev.kehu.infra.axon.AxonConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.util.Map;
import java.util.function.UnaryOperator;

/** Builders for engines and test events. */
final class StoreFixtures {

    private StoreFixtures() {
    }

    static MongoEventStorageEngine anEngine(MongoDatabase database) {
        return anEngine(database, UnaryOperator.identity());
    }

    static MongoEventStorageEngine anEngine(MongoDatabase database, UnaryOperator<EventStoreSettings> settings) {
        return engineBuilder(database, settings).build();
    }

    static MongoEventStorageEngine.Builder engineBuilder(MongoDatabase database,
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
}
