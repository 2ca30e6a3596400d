package dev.kehu.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.kehu.events.Money;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.tokenstore.MongoTokenStore;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the MongoDB event store against raw driver operations on an embedded mongo-java-server (memory backend).
 * Not a test: run with {@code mvn -q -Pbench -DskipTests verify -pl infra -am -Dbench=EventStoreBenchmark}; writes
 * {@code bench-results/event-store.json}.
 */
public final class EventStoreBenchmark {

    private static final int SMALL_STORE = 10_000;
    private static final int LARGE_STORE = 200_000;
    private static final int EVENTS_PER_AGGREGATE = 20;
    private static final Random random = new Random(20261122L);

    @Revision("1")
    public record DealBooked(String dealId, String customerName, String note, Money amount, int lineCount) {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        Map<String, Object> results = new LinkedHashMap<>();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            measureAppend(client.getDatabase("bench_append"), results, EventStoreSettings.defaults(), "");
            measureLoadAndStream(client.getDatabase("bench_store"), results);
        } finally {
            server.shutdownNow();
        }
        results.put("date", LocalDate.now().toString());
        results.put("backend", "mongo-java-server 1.47.0 memory backend over TCP, mongodb-driver-sync 5.14.0");
        results.put("runtime_seconds", round((System.nanoTime() - started) / 1e9));
        String json = toJson(results);
        Path out = Path.of("bench-results", "event-store.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json, StandardCharsets.UTF_8);
        System.out.println(json);
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------------ append

    /** Single-event commits through the engine against raw inserts, alternating in rounds. */
    private static void measureAppend(MongoDatabase database, Map<String, Object> results, EventStoreSettings settings,
                                      String prefix) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .database(database)
                .settings(settings)
                .eventSerializer(AxonConfiguration.messageSerializer())
                .snapshotSerializer(AxonConfiguration.snapshotSerializer())
                .build();
        MongoCollection<BsonDocument> raw = database.getCollection("raw_events", BsonDocument.class);
        raw.createIndex(Indexes.ascending("aggregateId", "seq"), new IndexOptions().unique(true));
        int aggregates = 1000;
        long[] nextSeq = new long[aggregates];
        AtomicLong rawId = new AtomicLong();

        engine.appendEvents(event("deal-0", nextSeq[0]++));
        BsonDocument template = database.getCollection("events", BsonDocument.class)
                .find(Filters.eq("_id", 1L)).first();
        int rounds = 5;
        int perRound = 3000;
        int warmup = 3000;
        appendEngine(engine, nextSeq, warmup);
        insertRaw(raw, template, rawId, warmup);
        long engineNanos = 0;
        long rawNanos = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            insertRaw(raw, template, rawId, perRound);
            long t1 = System.nanoTime();
            appendEngine(engine, nextSeq, perRound);
            long t2 = System.nanoTime();
            rawNanos += t1 - t0;
            engineNanos += t2 - t1;
        }
        double engineRate = rounds * perRound / (engineNanos / 1e9);
        double rawRate = rounds * perRound / (rawNanos / 1e9);
        results.put(prefix + "append_ratio", round(engineRate / rawRate));
        results.put(prefix + "append_commits_per_s", round(engineRate));
        results.put(prefix + "raw_insert_one_per_s", round(rawRate));
        results.put(prefix + "append_document_bytes", new RawBsonDocument(template, new org.bson.codecs.BsonDocumentCodec())
                .getByteBuffer().remaining());
        System.out.printf(Locale.ROOT, "append%s: engine %.0f commits/s, raw insertOne %.0f/s, ratio %.2f%n",
                prefix.isEmpty() ? "" : " (" + prefix + "2s)", engineRate, rawRate, engineRate / rawRate);
    }

    private static void appendEngine(MongoEventStorageEngine engine, long[] nextSeq, int count) {
        for (int i = 0; i < count; i++) {
            int aggregate = random.nextInt(nextSeq.length);
            engine.appendEvents(event("deal-" + aggregate, nextSeq[aggregate]++));
        }
    }

    private static void insertRaw(MongoCollection<BsonDocument> raw, BsonDocument template, AtomicLong id, int count) {
        for (int i = 0; i < count; i++) {
            long next = id.incrementAndGet();
            BsonDocument document = template.clone();
            document.put("_id", new BsonInt64(next));
            document.put("aggregateId", new BsonString("deal-" + next));
            document.put("commitLast", new BsonInt64(next));
            raw.insertOne(document);
        }
    }

    // ------------------------------------------------------------------------------------------------ load, stream

    private static void measureLoadAndStream(MongoDatabase database, Map<String, Object> results) throws Exception {
        MongoEventStorageEngine seeder = engine(database);
        int measured = SMALL_STORE / EVENTS_PER_AGGREGATE;
        // the measured aggregates: 20 events each, written in commits of two events, interleaved
        for (int step = 0; step < EVENTS_PER_AGGREGATE / 2; step++) {
            for (int aggregate = 0; aggregate < measured; aggregate++) {
                seeder.appendEvents(event("measured-" + aggregate, step * 2L), event("measured-" + aggregate, step * 2L + 1));
            }
        }
        double small = medianLoadMillis(database, measured);
        long t0 = System.nanoTime();
        int filler = (LARGE_STORE - SMALL_STORE) / EVENTS_PER_AGGREGATE;
        for (int aggregate = 0; aggregate < filler; aggregate++) {
            List<EventMessage<?>> commit = new ArrayList<>(EVENTS_PER_AGGREGATE);
            for (int seq = 0; seq < EVENTS_PER_AGGREGATE; seq++) {
                commit.add(event("filler-" + aggregate, seq));
            }
            seeder.appendEvents(commit);
        }
        System.out.printf(Locale.ROOT, "seeded %d more events in %.1f s%n", LARGE_STORE - SMALL_STORE,
                (System.nanoTime() - t0) / 1e9);
        double large = medianLoadMillis(database, measured);
        results.put("load_ratio", round(large / small));
        results.put("load_median_ms_10k", round(small));
        results.put("load_median_ms_200k", round(large));
        System.out.printf(Locale.ROOT, "load 20 events: %.3f ms at 10k, %.3f ms at 200k, ratio %.2f%n",
                small, large, large / small);

        processorRate(database, "warm-up", false, LARGE_STORE / 4);
        double rawRate = fastestRawRead(database);
        double trackingRate = processorRate(database, "bench-tracking", false, LARGE_STORE);
        double pooledRate = processorRate(database, "bench-pooled", true, LARGE_STORE);
        double processorRate = Math.max(trackingRate, pooledRate);
        results.put("stream_ratio", round(processorRate / rawRate));
        results.put("stream_events_per_s", round(processorRate));
        results.put("stream_tracking_processor_events_per_s", round(trackingRate));
        results.put("stream_pooled_processor_events_per_s", round(pooledRate));
        results.put("raw_read_docs_per_s", round(rawRate));
        System.out.printf(Locale.ROOT, "stream: tracking %.0f events/s, pooled %.0f events/s, raw read %.0f docs/s,"
                + " ratio %.2f%n", trackingRate, pooledRate, rawRate, processorRate / rawRate);
    }

    private static double medianLoadMillis(MongoDatabase database, int aggregates) {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine(database)).build();
        try {
            List<Double> timings = new ArrayList<>();
            for (int pass = 0; pass < 3; pass++) {
                for (int aggregate = 0; aggregate < aggregates; aggregate++) {
                    long t0 = System.nanoTime();
                    List<? extends DomainEventMessage<?>> loaded = store.readEvents("measured-" + aggregate).asStream()
                            .peek(EventMessage::getPayload).toList();
                    long elapsed = System.nanoTime() - t0;
                    if (loaded.size() != EVENTS_PER_AGGREGATE) {
                        throw new IllegalStateException("loaded " + loaded.size() + " events");
                    }
                    if (pass > 0) {
                        timings.add(elapsed / 1e6);
                    }
                }
            }
            timings.sort(Double::compare);
            return timings.get(timings.size() / 2);
        } finally {
            store.shutDown();
        }
    }

    /** The fastest of: a full collection cursor decoded, a full cursor kept raw, and {@code _id $in} batches. */
    private static double fastestRawRead(MongoDatabase database) {
        MongoCollection<BsonDocument> events = database.getCollection("events", BsonDocument.class);
        MongoCollection<RawBsonDocument> rawEvents = database.getCollection("events", RawBsonDocument.class);
        double best = 0;
        for (int attempt = 0; attempt < 2; attempt++) {
            long t0 = System.nanoTime();
            long count = 0;
            try (MongoCursor<BsonDocument> cursor = events.find().batchSize(5000).iterator()) {
                while (cursor.hasNext()) {
                    cursor.next();
                    count++;
                }
            }
            best = Math.max(best, count / ((System.nanoTime() - t0) / 1e9));
            t0 = System.nanoTime();
            count = 0;
            try (MongoCursor<RawBsonDocument> cursor = rawEvents.find().batchSize(5000).iterator()) {
                while (cursor.hasNext()) {
                    cursor.next();
                    count++;
                }
            }
            best = Math.max(best, count / ((System.nanoTime() - t0) / 1e9));
            t0 = System.nanoTime();
            count = 0;
            for (long low = 1; low <= LARGE_STORE; low += 1000) {
                List<Long> ids = new ArrayList<>(1000);
                for (long id = low; id < low + 1000; id++) {
                    ids.add(id);
                }
                for (BsonDocument ignored : events.find(Filters.in("_id", ids)).batchSize(1000)) {
                    count++;
                }
            }
            best = Math.max(best, count / ((System.nanoTime() - t0) / 1e9));
        }
        return best;
    }

    public static final class CountingHandler {
        final AtomicLong handled = new AtomicLong();

        @EventHandler
        public void on(DealBooked event) {
            if (event.amount() != null) {
                handled.incrementAndGet();
            }
        }
    }

    /**
     * Events per second a real Axon processor (tracking, or pooled streaming) handles from the start of the store
     * until it has handled {@code until} events, through an EmbeddedEventStore and the MongoDB token store.
     */
    private static double processorRate(MongoDatabase database, String name, boolean pooled, long until)
            throws InterruptedException {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine(database)).build();
        CountingHandler handler = new CountingHandler();
        MongoTokenStore tokenStore = new MongoTokenStore(database, AxonConfiguration.messageSerializer());
        org.axonframework.eventhandling.StreamingEventProcessor processor;
        java.util.concurrent.ScheduledExecutorService coordinator = null;
        java.util.concurrent.ScheduledExecutorService workers = null;
        if (pooled) {
            coordinator = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            workers = java.util.concurrent.Executors.newScheduledThreadPool(1);
            processor = org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor.builder()
                    .name(name)
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                    .messageSource(store)
                    .tokenStore(tokenStore)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .coordinatorExecutor(coordinator)
                    .workerExecutor(workers)
                    .initialSegmentCount(1)
                    .batchSize(1000)
                    .build();
        } else {
            processor = TrackingEventProcessor.builder()
                    .name(name)
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                    .messageSource(store)
                    .tokenStore(tokenStore)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                            .forSingleThreadedProcessing().andBatchSize(1000))
                    .build();
        }
        long t0 = System.nanoTime();
        processor.start();
        while (handler.handled.get() < until) {
            Thread.sleep(5);
            if (System.nanoTime() - t0 > 180_000_000_000L) {
                throw new IllegalStateException(name + " handled only " + handler.handled.get());
            }
        }
        double rate = until / ((System.nanoTime() - t0) / 1e9);
        processor.shutDown();
        store.shutDown();
        if (coordinator != null) {
            coordinator.shutdownNow();
            workers.shutdownNow();
        }
        return rate;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static MongoEventStorageEngine engine(MongoDatabase database) {
        return MongoEventStorageEngine.builder()
                .database(database)
                .settings(EventStoreSettings.defaults())
                .eventSerializer(AxonConfiguration.messageSerializer())
                .snapshotSerializer(AxonConfiguration.snapshotSerializer())
                .build();
    }

    private static EventMessage<?> event(String aggregateId, long seq) {
        DealBooked payload = new DealBooked(aggregateId, "北京星辰科技有限公司 Beijing Star Technology Co.",
                "第" + seq + "笔订单 order line for the quarterly contract",
                Money.of(String.format(Locale.ROOT, "%d.%02d", 1000 + random.nextInt(90000), random.nextInt(100)), "CNY"),
                1 + random.nextInt(9));
        return new GenericDomainEventMessage<>("Deal", aggregateId, seq, payload,
                MetaData.from(Map.of("actor", "张伟", "correlationId", "c-" + aggregateId, "causationId", "cmd-" + seq)));
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    private static String toJson(Map<String, Object> values) {
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            json.append("  \"").append(entry.getKey()).append("\": ");
            Object value = entry.getValue();
            json.append(value instanceof String ? "\"" + value + "\"" : String.valueOf(value));
            json.append(++i < values.size() ? ",\n" : "\n");
        }
        return json.append("}\n").toString();
    }
}
