package dev.kehu.infra.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoDatabase;
import dev.kehu.command.web.CommittedEvents;
import dev.kehu.events.registry.EventTypes;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.HashChainVerifier;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.eventstore.PayloadCipher;
import dev.kehu.infra.tokenstore.MongoTokenStore;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;

import java.lang.management.ManagementFactory;
import java.time.Clock;

/**
 * Axon wiring: Jackson 2 serialization of events (under their registered names, {@link EventTypes}), messages and
 * snapshots, the MongoDB event storage engine and token store on the application's {@link MongoDatabase}, the hash
 * chain verifier and the snapshot trigger.
 *
 * <p>Aggregates opt into snapshots with {@code @Aggregate(snapshotTriggerDefinition = "kehuSnapshotTrigger")}.
 *
 * <p>The audit metadata (actor, reason, correlationId, causationId) is copied onto caused messages by the one
 * {@code CorrelationDataProvider} of the application, {@code dev.kehu.command.web.AuditCorrelationDataProvider}
 * (command side, where the REST layer and the scheduled jobs put it on commands). The storage engine stores
 * exactly the metadata it is given: it invents no actor.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreProperties.class)
public class AxonConfiguration {

    /** Names of the aggregate caches ({@code @Aggregate(cache = …)}); one per aggregate type, so ids never mix. */
    public static final String CUSTOMER_CACHE = "kehuCustomerCache";
    public static final String OPPORTUNITY_CACHE = "kehuOpportunityCache";
    /** Times a command is sent again after its aggregate changed underneath it (another instance wrote first). */
    static final int CONFLICT_RETRIES = 5;

    /** Name of the {@link SnapshotTriggerDefinition} bean aggregates reference. */
    public static final String SNAPSHOT_TRIGGER = "kehuSnapshotTrigger";

    /**
     * The Jackson 2 mapper for Axon messages: java.time, records, unknown properties ignored (old events keep
     * loading after fields are removed), decimals kept exact (money).
     */
    public static ObjectMapper messageObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    /** Like {@link #messageObjectMapper()}, but reads and writes fields, so aggregates snapshot without getters. */
    public static ObjectMapper snapshotObjectMapper() {
        ObjectMapper mapper = messageObjectMapper();
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        return mapper;
    }

    public static JacksonSerializer messageSerializer() {
        return messageSerializer(PayloadCipher.NONE);
    }

    /** The message serializer of a store whose events' personal fields {@code cipher} seals (docs/privacy.md). */
    public static JacksonSerializer messageSerializer(PayloadCipher cipher) {
        return new CachingJacksonSerializer(JacksonSerializer.builder().objectMapper(messageObjectMapper())
                .lenientDeserialization(), EventTypes.ALL, cipher);
    }

    public static JacksonSerializer snapshotSerializer() {
        return new CachingJacksonSerializer(JacksonSerializer.builder().objectMapper(snapshotObjectMapper())
                .lenientDeserialization(), EventTypes.ALL);
    }

    @Bean
    @Primary
    public Serializer serializer(ObjectProvider<PayloadCipher> cipher) {
        return messageSerializer(cipher.getIfAvailable(() -> PayloadCipher.NONE));
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(ObjectProvider<PayloadCipher> cipher) {
        return messageSerializer(cipher.getIfAvailable(() -> PayloadCipher.NONE));
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializerBean(ObjectProvider<PayloadCipher> cipher) {
        return messageSerializer(cipher.getIfAvailable(() -> PayloadCipher.NONE));
    }

    @Bean
    public EventStorageEngine eventStorageEngine(MongoDatabase database, EventStoreProperties properties,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration axonConfiguration) {
        return MongoEventStorageEngine.builder()
                .database(database)
                .settings(properties.toSettings())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer())
                .upcasterChain(axonConfiguration.upcasterChain())
                .build();
    }

    @Bean
    public MongoTokenStore tokenStore(MongoDatabase database, EventStoreProperties properties, Serializer serializer) {
        return new MongoTokenStore(database, properties.collectionPrefix() + "tokens", serializer,
                ManagementFactory.getRuntimeMXBean().getName(), properties.tokenClaimTimeout(), Clock.systemUTC());
    }

    /** Whether a request that died had committed (for Idempotency-Key recovery, see IdempotencyStore). */
    @Bean
    public CommittedEvents committedEvents(EventStorageEngine engine) {
        MongoEventStorageEngine store = (MongoEventStorageEngine) engine;
        return eventIdentifier -> store.locate(eventIdentifier)
                .map(event -> event.complete() ? new CommittedEvents.Outcome(CommittedEvents.State.COMMITTED, event.position())
                        : new CommittedEvents.Outcome(event.pending() ? CommittedEvents.State.PENDING
                        : CommittedEvents.State.ABSENT, null))
                .orElse(new CommittedEvents.Outcome(CommittedEvents.State.ABSENT, null));
    }

    /** Processors whose token is beyond the head of the log (a restored backup) are reset, loudly. */
    @Bean
    public TokenAheadOfLogRepair tokenAheadOfLogRepair(ObjectProvider<Configuration> axon, MongoTokenStore tokenStore) {
        return new TokenAheadOfLogRepair(axon::getIfAvailable, tokenStore);
    }

    @Bean
    public TokenAheadOfLogCheck tokenAheadOfLogCheck(TokenAheadOfLogRepair repair, EventStoreProperties properties) {
        return new TokenAheadOfLogCheck(repair, properties.tokenCheckInterval());
    }

    @Bean
    public HashChainVerifier hashChainVerifier(MongoDatabase database, EventStoreProperties properties) {
        EventStoreSettings settings = properties.toSettings();
        return new HashChainVerifier(database, settings);
    }

    /**
     * Customers kept between commands. Correct across instances: a command on a stale entry (another instance
     * appended since) produces a sequence number that is already stored; the unique index refuses it, the unit of
     * work rolls back and evicts the entry, and {@link #commandGateway} sends the command again on a fresh load.
     */
    @Bean(CUSTOMER_CACHE)
    public Cache kehuCustomerCache(EventStoreProperties properties) {
        return new CaffeineCache(properties.aggregateCacheSize());
    }

    /** Opportunities kept between commands; see {@link #kehuCustomerCache}. */
    @Bean(OPPORTUNITY_CACHE)
    public Cache kehuOpportunityCache(EventStoreProperties properties) {
        return new CaffeineCache(properties.aggregateCacheSize());
    }

    @Bean
    public ConcurrencyRetryScheduler concurrencyRetryScheduler() {
        return new ConcurrencyRetryScheduler(CONFLICT_RETRIES);
    }

    /** Axon's gateway, retrying a command whose aggregate changed underneath it ({@link ConcurrencyRetryScheduler}). */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ConcurrencyRetryScheduler retryScheduler) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retryScheduler).build();
    }

    @Bean(SNAPSHOT_TRIGGER)
    public SnapshotTriggerDefinition kehuSnapshotTrigger(@Lazy Snapshotter snapshotter, EventStoreProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }
}
