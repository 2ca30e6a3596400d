package dev.kehu.query.history;

import com.mongodb.client.MongoDatabase;
import dev.kehu.events.registry.EventTypes;
import dev.kehu.query.customer360.Customer360Projection;
import dev.kehu.query.customerlist.CustomerListProjection;
import dev.kehu.query.opportunity.OpportunityDetailProjection;
import dev.kehu.query.pipeline.PipelineProjection;
import dev.kehu.query.projection.ProjectionConfiguration;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.SegmentClaims;
import dev.kehu.query.projection.SkippedEvents;
import dev.kehu.query.projection.ViewBatchInterceptor;
import dev.kehu.query.projection.ViewWriter;
import dev.kehu.query.risk.RiskProjection;
import dev.kehu.query.receivables.ReceivablesProjection;
import dev.kehu.query.service.ServiceProjection;
import dev.kehu.query.service.ServiceRequestProjection;
import dev.kehu.query.value.ValueProjection;
import dev.kehu.query.worklist.WorklistProjection;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * All read-side projections running in a plain Axon configuration (no Spring): an embedded event
 * store over the given storage engine, one tracking processor per processing group, configured
 * exactly as {@link ProjectionConfiguration} does in the application.
 */
public final class ReadSide implements AutoCloseable {

    private final Configuration configuration;
    private final ProjectionPositions positions;
    private final Map<String, List<Object>> projectionsByGroup;
    private final ViewWriter writer;

    private ReadSide(Configuration configuration, ProjectionPositions positions, Map<String, List<Object>> projectionsByGroup, ViewWriter writer) {
        this.configuration = configuration;
        this.writer = writer;
        this.positions = positions;
        this.projectionsByGroup = projectionsByGroup;
    }

    public static ReadSide start(MongoDatabase database, Clock clock) {
        return start(database, new InMemoryEventStorageEngine(), clock, 250, true);
    }

    public static ReadSide start(MongoDatabase database, EventStorageEngine engine, Clock clock, int batchSize, boolean startProcessors) {
        return start(database, engine, clock, batchSize, startProcessors, new SkippedEvents(database, clock));
    }

    /** As above, recording skipped events in {@code skipped}. */
    public static ReadSide start(MongoDatabase database, EventStorageEngine engine, Clock clock, int batchSize, boolean startProcessors,
                                 SkippedEvents skipped) {
        return start(database, engine, clock, batchSize, startProcessors, skipped, null, null, 1);
    }

    /**
     * One instance of several on a shared token store ({@code tokens}, whose {@code claims} tell who holds which
     * segment), the splittable groups in {@code segments} segments; {@code tokens} null: Axon's in-memory store.
     */
    public static ReadSide start(MongoDatabase database, EventStorageEngine engine, Clock clock, int batchSize, boolean startProcessors,
                                 SkippedEvents skipped, TokenStore tokens, SegmentClaims claims, int segments) {
        AtomicReference<Configuration> holder = new AtomicReference<>();
        ProjectionPositions positions = new ProjectionPositions(database, holder::get, clock, claims, segments);
        ViewWriter writer = new ViewWriter(database);
        Map<String, List<Object>> byGroup = projections(writer);
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> engine)
                .configureEventSerializer(c -> eventSerializer());
        if (tokens != null) {
            configurer.eventProcessing().registerTokenStore(c -> tokens);
        }
        ProjectionConfiguration.processors(positions, writer, skipped, batchSize, true, segments).configureModule(configurer);
        byGroup.values().forEach(list -> list.forEach(p -> configurer.eventProcessing().registerEventHandler(c -> p)));
        Configuration configuration = configurer.buildConfiguration();
        holder.set(configuration);
        if (startProcessors) {
            configuration.start();
        }
        return new ReadSide(configuration, positions, byGroup, writer);
    }

    /**
     * Jackson 2 for events, as the application's, each event under its registered name ({@link EventTypes}): the
     * dead-letter queue stores parked events with it.
     */
    public static org.axonframework.serialization.Serializer eventSerializer() {
        JacksonSerializer.Builder builder = JacksonSerializer.builder()
                .objectMapper(com.fasterxml.jackson.databind.json.JsonMapper.builder()
                        .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                        .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                        .build())
                .lenientDeserialization();
        return new JacksonSerializer(builder) {
            @Override
            @SuppressWarnings("rawtypes")
            public SerializedType typeForClass(Class type) {
                return EventTypes.ALL.nameOf(type).<SerializedType>map(name ->
                        new SimpleSerializedType(name, getRevisionResolver().revisionOf(type)))
                        .orElseGet(() -> super.typeForClass(type));
            }

            @Override
            @SuppressWarnings("rawtypes")
            public Class classForType(SerializedType type) {
                return EventTypes.ALL.classOf(type.getName()).<Class>map(event -> event)
                        .orElseGet(() -> super.classForType(type));
            }
        };
    }

    /** A fresh instance of every projection, by processing group. */
    public static Map<String, List<Object>> projections(ViewWriter writer) {
        Map<String, List<Object>> byGroup = new LinkedHashMap<>();
        byGroup.put(ProjectionGroups.CUSTOMER_360, List.of(new Customer360Projection(writer), new OpportunityDetailProjection(writer)));
        byGroup.put(ProjectionGroups.CUSTOMER_LIST, List.of(new CustomerListProjection(writer)));
        byGroup.put(ProjectionGroups.WORKLIST, List.of(new WorklistProjection(writer)));
        byGroup.put(ProjectionGroups.PIPELINE, List.of(new PipelineProjection(writer, SeededHistory.ZONE)));
        byGroup.put(ProjectionGroups.VALUE, List.of(new ValueProjection(writer)));
        byGroup.put(ProjectionGroups.RISK, List.of(new RiskProjection(writer)));
        byGroup.put(ProjectionGroups.SERVICE, List.of(new ServiceProjection(writer), new ServiceRequestProjection(writer)));
        byGroup.put(ProjectionGroups.RECEIVABLES, List.of(new ReceivablesProjection(writer)));
        return byGroup;
    }

    public Configuration configuration() {
        return configuration;
    }

    public ProjectionPositions positions() {
        return positions;
    }

    public void startProcessors() {
        configuration.start();
    }

    public void publish(List<? extends EventMessage<?>> events) {
        configuration.eventStore().publish(events);
    }

    /**
     * Publishes the events one append at a time while the processors run, as a live system
     * appends them commit by commit, pausing now and then so processors interleave. (One event per
     * append: Axon's InMemoryEventStorageEngine inserts a multi-event append in hash order, so a
     * reader running concurrently can skip part of it; a real event store does not have that gap.)
     */
    public void publishLive(List<? extends EventMessage<?>> events, int pauseEvery) {
        for (int i = 0; i < events.size(); i++) {
            publish(List.of(events.get(i)));
            if (pauseEvery > 0 && i % pauseEvery == pauseEvery - 1) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The position of the newest event in the store, or -1. */
    public long headPosition() {
        var head = configuration.eventStore().createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** Waits until every processing group has applied everything up to the head of the store. */
    public void awaitCaughtUp(Duration timeout) {
        long head = headPosition();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (positions.position(ProjectionGroups.ALL) < head) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("read side did not catch up with position " + head + " within " + timeout
                        + ": " + positions.status(ProjectionGroups.ALL));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Every stored event with its tracking token, in order. */
    public List<TrackedEventMessage<?>> storedEvents() {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = configuration.eventStore().openStream(null)) {
            while (stream.hasNextAvailable()) {
                events.add(stream.nextAvailable());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return events;
    }

    /**
     * Delivers the tracked events to every projection again, in batches, through the same batch
     * interceptor the processors use: what a tracking processor does after a retry or a crash
     * before it stored its token.
     */
    public void redeliver(List<TrackedEventMessage<?>> events, int batchSize) {
        redeliver(positions, writer, projectionsByGroup, events, batchSize);
    }

    public static void redeliver(ProjectionPositions positions, ViewWriter writer, Map<String, List<Object>> projectionsByGroup,
                                 List<TrackedEventMessage<?>> events, int batchSize) {
        projectionsByGroup.forEach((group, projections) -> {
            List<AnnotationEventHandlerAdapter> adapters = projections.stream().map(AnnotationEventHandlerAdapter::new).toList();
            ViewBatchInterceptor interceptor = new ViewBatchInterceptor(group, positions, writer);
            MessageHandler<EventMessage<?>> handler = message -> {
                for (AnnotationEventHandlerAdapter adapter : adapters) {
                    if (adapter.canHandle(message)) {
                        adapter.handle(message);
                    }
                }
                return null;
            };
            for (int i = 0; i < events.size(); i += batchSize) {
                List<EventMessage<?>> batch = new ArrayList<>(events.subList(i, Math.min(events.size(), i + batchSize)));
                BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
                var result = unitOfWork.executeWithResult(
                        () -> new DefaultInterceptorChain<>(unitOfWork, List.of(interceptor), handler).proceed(),
                        RollbackConfigurationType.ANY_THROWABLE);
                if (result.isExceptional()) {
                    throw new IllegalStateException("redelivery failed", result.exceptionResult());
                }
            }
        });
    }

    @Override
    public void close() {
        configuration.shutdown();
    }

    /**
     * Every document of the group's view collections as JSON, by collection and in {@code _id} order, to compare. The
     * pipeline totals are compared as what they answer ({@link PipelineTotalsView}): their rows without positions.
     */
    public static java.util.Map<String, java.util.List<String>> viewDocuments(MongoDatabase database, String group) {
        java.util.Map<String, java.util.List<String>> documents = new java.util.TreeMap<>();
        for (String collection : dev.kehu.query.projection.rebuild.ProjectionCollections.of(group)) {
            if (collection.equals(dev.kehu.query.pipeline.PipelineTotals.COLLECTION)) {
                documents.put(collection, dev.kehu.query.pipeline.PipelineTotalsView.rows(database));
                continue;
            }
            java.util.List<String> all = new java.util.ArrayList<>();
            for (org.bson.Document document : database.getCollection(collection).find().sort(new org.bson.Document("_id", 1))) {
                all.add(document.toJson());
            }
            documents.put(collection, all);
        }
        return documents;
    }
}
