package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ReadSide;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One processing group under a real tracking processor on an embedded MongoDB server, with the application's
 * {@link ViewBatchInterceptor} and dead-letter queue ({@link DeadLetterQueues}): what the dead-letter tests share.
 * Skipped documents are recorded in MongoDB ({@link #skipped}).
 */
final class DeadLetterFixture implements AutoCloseable {

    final String group;
    final EmbeddedMongo mongo;
    final MongoDatabase database;
    final ProjectionPositions positions;
    final SkippedEvents skipped;
    final Configuration axon;

    /** @param projection the group's handler object, writing through the writer it is given */
    DeadLetterFixture(String group, String databaseName, int batchSize, Function<ViewWriter, Object> projection) {
        this.group = group;
        this.mongo = new EmbeddedMongo();
        this.database = mongo.database(databaseName);
        AtomicReference<Configuration> holder = new AtomicReference<>();
        this.positions = new ProjectionPositions(database, holder::get, Clock.systemUTC());
        this.skipped = new SkippedEvents(database, Clock.systemUTC());
        ViewWriter writer = new ViewWriter(database);
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureEventSerializer(c -> ReadSide.eventSerializer());
        configurer.eventProcessing()
                .registerTrackingEventProcessor(group, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize))
                .registerHandlerInterceptor(group, c -> new ViewBatchInterceptor(group, positions, writer, skipped))
                .registerEventHandler(c -> projection.apply(writer));
        DeadLetterQueues.register(configurer.eventProcessing(), group, database, Clock.systemUTC());
        this.axon = configurer.buildConfiguration();
        holder.set(axon);
        axon.start();
    }

    SequencedDeadLetterProcessor<?> deadLetterProcessor() {
        return axon.eventProcessingConfiguration().sequencedDeadLetterProcessor(group).orElseThrow();
    }

    /** The group's dead letters in queue order. */
    List<Document> letters() {
        return database.getCollection(MongoDeadLetterQueue.COLLECTION).find(Filters.eq("processingGroup", group))
                .sort(Sorts.ascending("index")).into(new ArrayList<>());
    }

    /** The {@code name} of a document of {@code collection}. */
    String name(String collection, String id) {
        return database.getCollection(collection).find(Filters.eq("_id", id)).first().getString("name");
    }

    /** Publishes the events and waits until the group has passed them (applied or parked). */
    void publishAndAwait(List<TrackedEventMessage<?>> events) {
        events.forEach(event -> axon.eventStore().publish(event));
        long head = axon.eventStore().createHeadToken().position().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (positions.position(group) < head) {
            assertThat(System.nanoTime()).as("the group reaches " + head).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static CustomerRegistered registered(String id, String name, String region) {
        return new CustomerRegistered(id, CustomerKind.COMPANY, ReadSideSkipsWhatItCannotApplyTest.profile(name, region));
    }

    static CustomerProfileChanged changed(String id, String name, String region) {
        return new CustomerProfileChanged(id, ReadSideSkipsWhatItCannotApplyTest.profile(name, region));
    }

    @Override
    public void close() {
        axon.shutdown();
        mongo.close();
    }
}
