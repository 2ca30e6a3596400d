package dev.kehu.infra.axon;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.command.web.AuditCorrelationDataProvider;
import dev.kehu.events.Money;
import dev.kehu.infra.eventstore.HashChainVerifier;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.eventstore.MongoTestServer;
import dev.kehu.infra.tokenstore.MongoTokenStore;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.stereotype.Aggregate;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@SpringBootTest(classes = AxonConfigurationTest.TestApplication.class, properties = {
        "axon.axonserver.enabled=false",
        "kehu.event-store.snapshot-threshold=3",
        "kehu.event-store.collection-prefix=crm_"})
class AxonConfigurationTest {

    private static final MongoTestServer server = new MongoTestServer();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({AxonConfiguration.class, AuditCorrelationDataProvider.class, Account.class})
    static class TestApplication {
        @Bean
        MongoDatabase mongoDatabase() {
            return server.newClient().getDatabase("kehu_spring");
        }
    }

    @Revision("1")
    record AccountOpened(String accountId, String name, Money limit) {
    }

    record OpenAccount(@TargetAggregateIdentifier String accountId, String name) {
    }

    record Rename(@TargetAggregateIdentifier String accountId, String name) {
    }

    @Revision("1")
    record AccountRenamed(String accountId, String name) {
    }

    @Aggregate(snapshotTriggerDefinition = AxonConfiguration.SNAPSHOT_TRIGGER)
    static class Account {
        @AggregateIdentifier
        private String accountId;
        private String name;

        protected Account() {
        }

        @CommandHandler
        Account(OpenAccount command) {
            apply(new AccountOpened(command.accountId(), command.name(), Money.of("50000.00", "CNY")));
        }

        @CommandHandler
        void handle(Rename command) {
            apply(new AccountRenamed(accountId, command.name()));
        }

        @EventSourcingHandler
        void on(AccountOpened event) {
            accountId = event.accountId();
            name = event.name();
        }

        @EventSourcingHandler
        void on(AccountRenamed event) {
            name = event.name();
        }
    }

    @Autowired
    EventStorageEngine engine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    @Qualifier(AxonConfiguration.SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition snapshotTrigger;
    @Autowired
    HashChainVerifier verifier;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoDatabase database;
    @Autowired
    org.axonframework.config.Configuration axon;

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void wiresTheMongoEventStoreTokenStoreJacksonAndSnapshotsIntoAxon() {
        assertThat(engine).isInstanceOf(MongoEventStorageEngine.class);
        assertThat(((MongoEventStorageEngine) engine).settings().eventsCollection()).isEqualTo("crm_events");
        assertThat(tokenStore).isInstanceOf(MongoTokenStore.class);
        assertThat(eventSerializer).isInstanceOf(JacksonSerializer.class);
        assertThat(axon.eventSerializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(axon.serializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(snapshotTrigger).isInstanceOf(EventCountSnapshotTriggerDefinition.class);
    }

    @Test
    void storesCommandsEventsWithAuditMetadataSnapshotsAndAnIntactHashChain() {
        commandGateway.sendAndWait(org.axonframework.commandhandling.GenericCommandMessage
                .asCommandMessage(new OpenAccount("acct-1", "厦门航空 Xiamen Airlines"))
                .andMetaData(Map.of("actor", "李娜", "reason", "新客户 new customer")));
        for (int i = 1; i <= 4; i++) {
            commandGateway.sendAndWait(org.axonframework.commandhandling.GenericCommandMessage
                    .asCommandMessage(new Rename("acct-1", "厦门航空 " + i))
                    .andMetaData(MetaData.with("actor", "李娜")));
        }

        BsonDocument first = database.getCollection("crm_events", BsonDocument.class)
                .find(Filters.eq("_id", 1L)).first();
        assertThat(first.getString("aggregateType").getValue()).isEqualTo("Account");
        assertThat(first.getDocument("payload").getString("name").getValue()).isEqualTo("厦门航空 Xiamen Airlines");
        BsonDocument metadata = first.getDocument("metadata");
        assertThat(metadata.getString("actor").getValue()).isEqualTo("李娜");
        assertThat(metadata.getString("reason").getValue()).isEqualTo("新客户 new customer");
        assertThat(metadata.getString("correlationId").getValue()).isNotBlank();
        assertThat(metadata.getString("causationId").getValue()).isEqualTo(metadata.getString("correlationId").getValue());
        BsonDocument snapshot = database.getCollection("crm_snapshots", BsonDocument.class)
                .find(Filters.eq("_id", "acct-1")).first();
        assertThat(snapshot).isNotNull();
        assertThat(snapshot.getDocument("payload").getString("name").getValue()).startsWith("厦门航空 ");
        // the event store's stream starts with the snapshot, then only the events after it
        assertThat(eventStore.readEvents("acct-1").asStream().count())
                .isEqualTo(1 + 4 - snapshot.getInt64("seq").getValue());
        assertThat(verifier.verify("acct-1").ok()).isTrue();
        assertThat(verifier.verify("acct-1").eventsChecked()).isEqualTo(5);
    }
}
