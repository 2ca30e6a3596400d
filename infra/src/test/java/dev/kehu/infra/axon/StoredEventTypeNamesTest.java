package dev.kehu.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.kehu.events.Money;
import dev.kehu.infra.eventstore.StoreFixtures;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.registry.EventTypes;
import dev.kehu.infra.eventstore.EventFields;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.eventstore.MongoTestServer;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Events are written and read under their registered names, not their class names: an event whose class moved to
 * another package keeps the name it was stored under, and a stored name no class is registered under fails loudly,
 * in the serializer and through the event store.
 */
class StoredEventTypeNamesTest {

    private static final MongoTestServer server = new MongoTestServer();
    private final JacksonSerializer serializer = AxonConfiguration.messageSerializer();

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ContactAdded contactAdded() {
        return new ContactAdded("c-华为-1", new ContactCard("ct-1", "李四 Li Si", "采购经理 purchasing manager",
                List.of(Phone.of("+86 138 0013 8000")), List.of("li.si@example.cn"), null));
    }

    @Test
    void everyEventIsWrittenAndReadUnderItsRegisteredName() {
        for (Class<?> type : EventTypes.ALL.classes()) {
            String name = EventTypes.ALL.nameOf(type).orElseThrow();
            assertThat(serializer.typeForClass(type).getName()).as(type.getName()).isEqualTo(name);
            assertThat(serializer.typeForClass(type).getRevision()).as(type.getName()).isEqualTo("1");
            assertThat(serializer.classForType(new SimpleSerializedType(name, "1"))).as(name).isEqualTo(type);
        }
        ContactAdded event = contactAdded();
        SerializedObject<JsonNode> serialized = serializer.serialize(event, JsonNode.class);
        assertThat(serialized.getType().getName()).as("moved to dev.kehu.events.customer.contact, stored as before")
                .isEqualTo("dev.kehu.events.customer.ContactAdded").isNotEqualTo(ContactAdded.class.getName());
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(event);
    }

    @Test
    void aStoredEventNameNoClassIsRegisteredUnderFails() {
        for (String name : List.of("dev.kehu.events.customer.CustomerVanished", // an event class deleted
                "dev.kehu.events.customer.contact.ContactAdded",                // a class name, not the stored name
                "CustomerVanished")) {                                           // a short name nobody claims
            assertThatThrownBy(() -> serializer.classForType(new SimpleSerializedType(name, "1")))
                    .as(name).isInstanceOf(UnknownEventTypeException.class).hasMessageContaining("'" + name + "'");
            assertThatThrownBy(() -> serializer.deserialize(new SimpleSerializedObject<>("{\"customerId\":\"c-1\"}",
                    String.class, name, "1"))).as(name).isInstanceOf(UnknownEventTypeException.class);
        }
    }

    @Test
    void anUnregisteredSharedEventsClassIsNotWritten() {
        assertThatThrownBy(() -> serializer.serialize(Money.of("12.50", "CNY"), String.class))
                .isInstanceOf(UnknownEventTypeException.class).hasMessageContaining(Money.class.getName());
    }

    @Test
    void everythingElseKeepsAxonsClassNames() {
        assertThat(serializer.typeForClass(MetaData.class).getName()).isEqualTo(MetaData.class.getName());
        assertThat(serializer.typeForClass(GapAwareTrackingToken.class).getName())
                .isEqualTo(GapAwareTrackingToken.class.getName());
        assertThat(serializer.classForType(new SimpleSerializedType(MetaData.class.getName(), null)))
                .isEqualTo(MetaData.class);
        assertThat(serializer.classForType(new SimpleSerializedType("com.example.crm.Gone", null)))
                .as("a foreign type no class reads: Axon's unknown type, as before").isEqualTo(UnknownSerializedType.class);
    }

    @Test
    void theEventStoreStoresTheNameAndRefusesToReadAnUnregisteredOne() {
        MongoDatabase database = server.newDatabase();
        EventStoreSettings settings = EventStoreSettings.defaults();
        MongoEventStorageEngine engine = StoreFixtures.anEngine(database, defaults -> settings);
        engine.appendEvents(List.of(
                new GenericDomainEventMessage<>("Customer", "c-华为-1", 0, contactAdded(), MetaData.with("actor", "王芳")),
                new GenericDomainEventMessage<>("Customer", "c-华为-1", 1, new CreditLimitSet("c-华为-1",
                        Money.of("800000.00", "CNY"), null), MetaData.with("actor", "alice"))));
        MongoCollection<BsonDocument> events = database.getCollection(settings.eventsCollection(), BsonDocument.class);
        BsonDocument first = events.find(new BsonDocument(EventFields.AGGREGATE_ID, new BsonString("c-华为-1"))
                .append(EventFields.SEQ, new org.bson.BsonInt64(0))).first();
        assertThat(first.getString(EventFields.TYPE).getValue()).isEqualTo("dev.kehu.events.customer.ContactAdded");
        assertThat(engine.readEvents("c-华为-1").asStream().<Object>map(DomainEventMessage::getPayload).toList())
                .containsExactly(contactAdded(), new CreditLimitSet("c-华为-1", Money.of("800000.00", "CNY"), null));

        // an event class deleted without keeping a class registered under its name
        events.updateOne(new BsonDocument(EventFields.ID, first.get(EventFields.ID)), new BsonDocument("$set",
                new BsonDocument(EventFields.TYPE, new BsonString("dev.kehu.events.customer.ContactVanished"))));
        assertThatThrownBy(() -> engine.readEvents("c-华为-1").asStream().map(DomainEventMessage::getPayload).toList())
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("'dev.kehu.events.customer.ContactVanished'");
        assertThatThrownBy(() -> engine.readEvents(null, false).map(message -> message.getPayload()).toList())
                .isInstanceOf(UnknownEventTypeException.class);
    }

    @ProcessingGroup("stored-names")
    static final class CreditLimits {
        final List<Object> handled = new java.util.concurrent.CopyOnWriteArrayList<>();

        @EventHandler
        void on(CreditLimitSet event) {
            handled.add(event);
        }
    }

    @Test
    void aProcessorStopsAtAnEventNoClassIsRegisteredUnderInsteadOfPassingOverIt() throws InterruptedException {
        MongoDatabase database = server.newDatabase();
        MongoEventStorageEngine engine = StoreFixtures.anEngine(database);
        engine.appendEvents(List.of(
                new GenericDomainEventMessage<>("Customer", "c-京东-2", 0, contactAdded(), MetaData.with("actor", "王芳")),
                new GenericDomainEventMessage<>("Customer", "c-京东-2", 1, new CreditLimitSet("c-京东-2",
                        Money.of("50000.00", "CNY"), null), MetaData.with("actor", "bob"))));
        database.getCollection(EventStoreSettings.defaults().eventsCollection()).updateOne(
                new org.bson.Document(EventFields.AGGREGATE_ID, "c-京东-2").append(EventFields.SEQ, 0L),
                new org.bson.Document("$set", new org.bson.Document(EventFields.TYPE, "ContactVanished")));
        CreditLimits handler = new CreditLimits();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> AxonConfiguration.messageSerializer())
                .configureEmbeddedEventStore(c -> engine);
        configurer.eventProcessing().registerTrackingEventProcessor("stored-names").registerEventHandler(c -> handler);
        Configuration configuration = configurer.buildConfiguration();
        configuration.start();
        try {
            TrackingEventProcessor processor = configuration.eventProcessingConfiguration()
                    .eventProcessor("stored-names", TrackingEventProcessor.class).orElseThrow();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (processor.processingStatus().values().stream().noneMatch(EventTrackerStatus::isErrorState)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(processor.processingStatus().values()).anySatisfy(status -> {
                assertThat(status.isErrorState()).isTrue();
                assertThat(status.getError()).isInstanceOf(UnknownEventTypeException.class)
                        .hasMessageContaining("'ContactVanished'");
            });
            assertThat(handler.handled).as("the event after it waits").isEmpty();
        } finally {
            configuration.shutdown();
        }
    }
}
