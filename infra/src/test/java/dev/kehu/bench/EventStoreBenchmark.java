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
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Measures the MongoDB event store against raw driver operations on an embedded mongo-java-server (memory backend).
 * Not a test: run with {@code mvn -q -Pbench -DskipTests verify -pl infra -am -Dbench=EventStoreBenchmark}; writes
 * {@code bench-results/event-store.json}.
 * <p>
 * Three figures, each a ratio of two measurements taken in the same JVM, on the same server, warmed up the same way:
 * <ul>
 *     <li>{@code append_ratio} — {@link #measureAppend}</li>
 *     <li>{@code load_ratio} — {@link #measureLoad}, on two separate stores of 10k and 200k events</li>
 *     <li>{@code stream_ratio} — {@link #measureStream}, on the 200k-event store</li>
 * </ul>
 * and the {@code peer} section ({@link PeerComparison}): Axon's JDBC engine on PostgreSQL beside our engine on the
 * embedded default's durable backend, in the same run.
 */
public final class EventStoreBenchmark {

    private static final int SMALL_STORE = 10_000;
    private static final int LARGE_STORE = 200_000;
    private static final int EVENTS_PER_AGGREGATE = 20;
    /** The aggregates whose loading is measured: together they fill the small store exactly. */
    private static final int MEASURED_AGGREGATES = SMALL_STORE / EVENTS_PER_AGGREGATE;

    private static final int APPEND_ROUNDS = 5;
    private static final int APPEND_COMMITS_PER_ROUND = 3000;
    private static final int LOAD_TIMED_PASSES = 4;
    /** Every stream variant warms up for at least this many runs and this many seconds before it is timed. */
    private static final int STREAM_WARM_UP_RUNS = 2;
    private static final int STREAM_WARM_UP_SECONDS = 20;
    private static final int STREAM_TIMED_RUNS = 3;

    private static final Random random = new Random(20261122L);
    /** {@code -Dpeer=only}: run the {@link PeerComparison} section alone (writes {@code event-store-peer.json}). */
    private static final boolean PEER_ONLY = "only".equals(System.getProperty("peer"));

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
            MongoDatabase small = client.getDatabase("bench_small");
            MongoDatabase large = client.getDatabase("bench_large");
            if (!PEER_ONLY) {
                timed("append", () -> measureAppend(client.getDatabase("bench_append"), results));
                timed("seeding", () -> seedStores(small, large));
                timed("load", () -> measureLoad(small, large, results));
                timed("stream", () -> measureStream(large, results));
            }
            timed("peer", () -> PeerComparison.measure(results));
        } finally {
            server.shutdownNow();
        }
        results.put("date", LocalDate.now().toString());
        if (!PEER_ONLY) {
            results.put("backend", "mongo-java-server 1.47.0 memory backend over TCP, mongodb-driver-sync 5.14.0");
        }
        results.put("runtime_seconds", round((System.nanoTime() - started) / 1e9));
        results.put("load_average", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        BenchResults.write(PEER_ONLY ? "event-store-peer.json" : "event-store.json", results);
        System.exit(0);
    }

    private interface Phase {
        void run() throws Exception;
    }

    /** Runs one phase of the benchmark and prints how long it took (so the runtime budget stays visible). */
    private static void timed(String name, Phase phase) throws Exception {
        long t0 = System.nanoTime();
        phase.run();
        System.out.printf(Locale.ROOT, "  (%s took %.1f s)%n", name, (System.nanoTime() - t0) / 1e9);
    }

    // ------------------------------------------------------------------------------------------------ append

    /**
     * Compares single-event commits through the engine ({@code appendEvents} of one event to a random one of 1,000
     * aggregates) with raw {@code insertOne}s of a copy of a stored event document (same size, same unique index on
     * aggregate and sequence), through the same driver to the same server. Both sides get 3,000 untimed operations
     * first; then {@value #APPEND_ROUNDS} rounds of {@value #APPEND_COMMITS_PER_ROUND} raw inserts followed by as
     * many engine commits. {@code append_ratio} = total engine commits/s ÷ total raw inserts/s; the smallest and
     * largest ratio of a single round are recorded to show the noise.
     */
    private static void measureAppend(MongoDatabase database, Map<String, Object> results) {
        MongoEventStorageEngine engine = engine(database);
        MongoCollection<BsonDocument> raw = database.getCollection("raw_events", BsonDocument.class);
        raw.createIndex(Indexes.ascending("aggregateId", "seq"), new IndexOptions().unique(true));
        long[] nextSeq = new long[1000];
        AtomicLong rawId = new AtomicLong();

        engine.appendEvents(event("deal-0", nextSeq[0]++));
        BsonDocument template = engine.eventsCollection().find(Filters.eq("_id", 1L)).first();
        int warmUp = 3000;
        appendEngine(engine, nextSeq, warmUp);
        insertRaw(raw, template, rawId, warmUp);
        long engineNanos = 0;
        long rawNanos = 0;
        double[] roundRatios = new double[APPEND_ROUNDS];
        for (int round = 0; round < APPEND_ROUNDS; round++) {
            long t0 = System.nanoTime();
            insertRaw(raw, template, rawId, APPEND_COMMITS_PER_ROUND);
            long t1 = System.nanoTime();
            appendEngine(engine, nextSeq, APPEND_COMMITS_PER_ROUND);
            long t2 = System.nanoTime();
            rawNanos += t1 - t0;
            engineNanos += t2 - t1;
            roundRatios[round] = (double) (t1 - t0) / (t2 - t1); // same count on both sides: rate ratio = time ratio
        }
        double engineRate = APPEND_ROUNDS * APPEND_COMMITS_PER_ROUND / (engineNanos / 1e9);
        double rawRate = APPEND_ROUNDS * APPEND_COMMITS_PER_ROUND / (rawNanos / 1e9);
        double minRatio = Arrays.stream(roundRatios).min().orElseThrow();
        double maxRatio = Arrays.stream(roundRatios).max().orElseThrow();
        results.put("append_ratio", round(engineRate / rawRate));
        results.put("append_commits_per_s", round(engineRate));
        results.put("raw_insert_one_per_s", round(rawRate));
        results.put("append_rounds", APPEND_ROUNDS);
        results.put("append_commits_per_round", APPEND_COMMITS_PER_ROUND);
        results.put("append_round_ratio_min", round(minRatio));
        results.put("append_round_ratio_max", round(maxRatio));
        results.put("append_document_bytes", new RawBsonDocument(template, new BsonDocumentCodec())
                .getByteBuffer().remaining());
        System.out.printf(Locale.ROOT, "append: engine %.0f commits/s, raw insertOne %.0f/s, ratio %.2f"
                        + " (%d rounds of %d, per-round ratio %.2f..%.2f)%n", engineRate, rawRate, engineRate / rawRate,
                APPEND_ROUNDS, APPEND_COMMITS_PER_ROUND, minRatio, maxRatio);
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

    // ------------------------------------------------------------------------------------------------ seeding

    /**
     * Writes the two stores. Both hold the same measured aggregates — {@value #MEASURED_AGGREGATES} aggregates of
     * {@value #EVENTS_PER_AGGREGATE} events, written in commits of two events, interleaved across aggregates (the
     * very same messages go to both stores). The small store holds nothing else ({@value #SMALL_STORE} events). The
     * large store also holds filler aggregates of 20 events in one commit each, written in slices between the
     * measured commits, so that the measured events are spread over its whole position range
     * ({@value #LARGE_STORE} events).
     */
    private static void seedStores(MongoDatabase small, MongoDatabase large) {
        List<List<EventMessage<?>>> measuredCommits = new ArrayList<>();
        for (int step = 0; step < EVENTS_PER_AGGREGATE / 2; step++) {
            for (int aggregate = 0; aggregate < MEASURED_AGGREGATES; aggregate++) {
                measuredCommits.add(List.of(event("measured-" + aggregate, step * 2L),
                        event("measured-" + aggregate, step * 2L + 1)));
            }
        }
        MongoEventStorageEngine smallEngine = engine(small);
        MongoEventStorageEngine largeEngine = engine(large);
        int fillerCommits = (LARGE_STORE - SMALL_STORE) / EVENTS_PER_AGGREGATE;
        int fillerWritten = 0;
        for (int i = 0; i < measuredCommits.size(); i++) {
            // before measured commit i, the large store has received its share i/n of the filler
            int fillerDue = (int) ((long) fillerCommits * i / measuredCommits.size());
            for (; fillerWritten < fillerDue; fillerWritten++) {
                largeEngine.appendEvents(fillerCommit(fillerWritten));
            }
            smallEngine.appendEvents(measuredCommits.get(i));
            largeEngine.appendEvents(measuredCommits.get(i));
        }
        for (; fillerWritten < fillerCommits; fillerWritten++) {
            largeEngine.appendEvents(fillerCommit(fillerWritten));
        }
        requireCount(smallEngine, SMALL_STORE);
        requireCount(largeEngine, LARGE_STORE);
        System.out.printf(Locale.ROOT, "seeded %d + %d events%n", SMALL_STORE, LARGE_STORE);
    }

    private static List<EventMessage<?>> fillerCommit(int fillerAggregate) {
        List<EventMessage<?>> commit = new ArrayList<>(EVENTS_PER_AGGREGATE);
        for (int seq = 0; seq < EVENTS_PER_AGGREGATE; seq++) {
            commit.add(event("filler-" + fillerAggregate, seq));
        }
        return commit;
    }

    private static void requireCount(MongoEventStorageEngine engine, long expected) {
        long stored = engine.eventsCollection().countDocuments();
        if (stored != expected) {
            throw new IllegalStateException("expected " + expected + " stored events, found " + stored);
        }
    }

    // ------------------------------------------------------------------------------------------------ load

    /**
     * Compares the time to load one measured 20-event aggregate (through an {@link EmbeddedEventStore}, every payload
     * deserialized) from the 200k-event store with the time to load the same aggregate from the 10k-event store.
     * One untimed pass loads every measured aggregate from both stores; then, in each of {@value #LOAD_TIMED_PASSES}
     * timed passes, every aggregate is loaded from one store and immediately after from the other, the small store
     * first in even passes and the large store first in odd ones — so warm-up, heap state and drift fall on both
     * sides alike. {@code load_ratio} = median large ÷ median small (each over all timed loads of its side); the
     * 90th percentiles are recorded beside them. Every load must return exactly 20 events.
     */
    private static void measureLoad(MongoDatabase small, MongoDatabase large, Map<String, Object> results) {
        EmbeddedEventStore smallStore = EmbeddedEventStore.builder().storageEngine(engine(small)).build();
        EmbeddedEventStore largeStore = EmbeddedEventStore.builder().storageEngine(engine(large)).build();
        try {
            for (int aggregate = 0; aggregate < MEASURED_AGGREGATES; aggregate++) {
                loadMillis(smallStore, aggregate);
                loadMillis(largeStore, aggregate);
            }
            double[] smallTimes = new double[LOAD_TIMED_PASSES * MEASURED_AGGREGATES];
            double[] largeTimes = new double[LOAD_TIMED_PASSES * MEASURED_AGGREGATES];
            int sample = 0;
            for (int pass = 0; pass < LOAD_TIMED_PASSES; pass++) {
                System.gc();
                boolean smallFirst = pass % 2 == 0;
                for (int aggregate = 0; aggregate < MEASURED_AGGREGATES; aggregate++, sample++) {
                    if (smallFirst) {
                        smallTimes[sample] = loadMillis(smallStore, aggregate);
                        largeTimes[sample] = loadMillis(largeStore, aggregate);
                    } else {
                        largeTimes[sample] = loadMillis(largeStore, aggregate);
                        smallTimes[sample] = loadMillis(smallStore, aggregate);
                    }
                }
            }
            double smallMedian = percentile(smallTimes, 50);
            double largeMedian = percentile(largeTimes, 50);
            double smallP90 = percentile(smallTimes, 90);
            double largeP90 = percentile(largeTimes, 90);
            results.put("load_ratio", round(largeMedian / smallMedian));
            results.put("load_median_ms_10k", round(smallMedian));
            results.put("load_median_ms_200k", round(largeMedian));
            results.put("load_p90_ms_10k", round(smallP90));
            results.put("load_p90_ms_200k", round(largeP90));
            results.put("load_timed_loads_per_store", smallTimes.length);
            System.out.printf(Locale.ROOT, "load 20 events (%d timed loads per store): median %.3f ms at 10k,"
                            + " %.3f ms at 200k, ratio %.2f; p90 %.3f ms at 10k, %.3f ms at 200k%n",
                    smallTimes.length, smallMedian, largeMedian, largeMedian / smallMedian, smallP90, largeP90);
        } finally {
            smallStore.shutDown();
            largeStore.shutDown();
        }
    }

    /** Loads measured aggregate {@code aggregate}, deserializing every payload; returns the elapsed milliseconds. */
    private static double loadMillis(EmbeddedEventStore store, int aggregate) {
        long t0 = System.nanoTime();
        List<? extends DomainEventMessage<?>> loaded = store.readEvents("measured-" + aggregate).asStream()
                .peek(EventMessage::getPayload).toList();
        long elapsed = System.nanoTime() - t0;
        if (loaded.size() != EVENTS_PER_AGGREGATE) {
            throw new IllegalStateException("measured-" + aggregate + ": loaded " + loaded.size() + " events");
        }
        return elapsed / 1e6;
    }

    // ------------------------------------------------------------------------------------------------ stream

    /** One way of reading the whole large store; returns events or documents per second. */
    private interface StreamRead {
        double run(MongoDatabase database, String runName) throws InterruptedException;
    }

    /** A named {@link StreamRead} and the rates of its timed runs. */
    private record Variant(String name, StreamRead read, double[] rates) {
        Variant(String name, StreamRead read) {
            this(name, read, new double[STREAM_TIMED_RUNS]);
        }

        double best() {
            return Arrays.stream(rates).max().orElseThrow();
        }

        double median() {
            return percentile(rates, 50);
        }
    }

    /**
     * Compares the events/s an Axon processor handles from the start of the 200k-event store (through an
     * {@link EmbeddedEventStore}, every payload deserialized, tokens in the MongoDB token store) with the documents/s
     * of the fastest raw read of the same 200k documents through the same driver. Processor variants: tracking and
     * pooled streaming (batch size 1,000, one segment). Raw variants: a full collection cursor decoded into
     * {@link BsonDocument}s, a full cursor kept as {@link RawBsonDocument}s, and {@code _id $in} batches of 1,000.
     * Every variant first warms up untimed, for at least {@value #STREAM_WARM_UP_RUNS} runs and
     * {@value #STREAM_WARM_UP_SECONDS} seconds (the JIT takes about that long to settle on a processor's code
     * paths: its rate still rose by a third after its first two runs), then runs {@value #STREAM_TIMED_RUNS} times
     * timed (in rounds; raw side first in even rounds, processors first in odd ones). Every run must read exactly
     * 200k events or documents. {@code stream_ratio} = best processor run ÷ best raw run;
     * {@code stream_ratio_median} = the best processor variant's median ÷ the best raw variant's median.
     */
    private static void measureStream(MongoDatabase database, Map<String, Object> results) throws InterruptedException {
        List<Variant> processors = List.of(
                new Variant("tracking", (db, run) -> processorRate(db, run, false)),
                new Variant("pooled", (db, run) -> processorRate(db, run, true)));
        List<Variant> rawReads = List.of(
                new Variant("cursor_decoded", (db, run) -> rawCursorDecoded(db)),
                new Variant("cursor_raw_bson", (db, run) -> rawCursorRawBson(db)),
                new Variant("id_in_batches", (db, run) -> rawIdInBatches(db)));
        long warmUpStart = System.nanoTime();
        List<Variant> all = new ArrayList<>(processors);
        all.addAll(rawReads);
        for (Variant variant : all) {
            long variantStart = System.nanoTime();
            List<String> rates = new ArrayList<>();
            for (int run = 0; run < STREAM_WARM_UP_RUNS
                    || System.nanoTime() - variantStart < STREAM_WARM_UP_SECONDS * 1_000_000_000L; run++) {
                double rate = variant.read().run(database, "warm-up-" + variant.name() + "-" + run);
                rates.add(String.format(Locale.ROOT, "%.0f", rate));
            }
            System.out.printf(Locale.ROOT, "stream warm-up %s: %d runs %s%n", variant.name(), rates.size(), rates);
        }
        System.out.printf(Locale.ROOT, "stream warm-up: %.1f s%n", (System.nanoTime() - warmUpStart) / 1e9);
        for (int run = 0; run < STREAM_TIMED_RUNS; run++) {
            List<Variant> order = new ArrayList<>();
            order.addAll(run % 2 == 0 ? rawReads : processors);
            order.addAll(run % 2 == 0 ? processors : rawReads);
            for (Variant variant : order) {
                System.gc(); // each run starts with the previous run's garbage collected
                variant.rates()[run] = variant.read().run(database, "timed-" + variant.name() + "-" + run);
            }
        }
        Variant bestProcessor = fastest(processors, Variant::best);
        Variant bestRaw = fastest(rawReads, Variant::best);
        Variant medianProcessor = fastest(processors, Variant::median);
        Variant medianRaw = fastest(rawReads, Variant::median);
        double ratio = bestProcessor.best() / bestRaw.best();
        double medianRatio = medianProcessor.median() / medianRaw.median();
        results.put("stream_ratio", round(ratio));
        results.put("stream_ratio_median", round(medianRatio));
        results.put("stream_events_per_s", round(bestProcessor.best()));
        results.put("stream_events_per_s_median", round(medianProcessor.median()));
        results.put("raw_read_docs_per_s", round(bestRaw.best()));
        results.put("raw_read_docs_per_s_median", round(medianRaw.median()));
        results.put("stream_timed_runs_per_variant", STREAM_TIMED_RUNS);
        results.put("stream_warm_up_seconds_per_variant", STREAM_WARM_UP_SECONDS);
        for (Variant variant : processors) {
            results.put("stream_" + variant.name() + "_processor_events_per_s_best", round(variant.best()));
            results.put("stream_" + variant.name() + "_processor_events_per_s_median", round(variant.median()));
        }
        for (Variant variant : rawReads) {
            results.put("raw_read_" + variant.name() + "_docs_per_s_best", round(variant.best()));
            results.put("raw_read_" + variant.name() + "_docs_per_s_median", round(variant.median()));
        }
        for (Variant variant : processors) {
            System.out.printf(Locale.ROOT, "stream %s processor: best %.0f, median %.0f events/s, runs %s%n",
                    variant.name(), variant.best(), variant.median(), rates(variant));
        }
        for (Variant variant : rawReads) {
            System.out.printf(Locale.ROOT, "raw read %s: best %.0f, median %.0f docs/s, runs %s%n",
                    variant.name(), variant.best(), variant.median(), rates(variant));
        }
        System.out.printf(Locale.ROOT, "stream: best %.0f events/s (%s) / best raw %.0f docs/s (%s) = ratio %.2f;"
                        + " medians %.0f / %.0f = %.2f%n", bestProcessor.best(), bestProcessor.name(), bestRaw.best(),
                bestRaw.name(), ratio, medianProcessor.median(), medianRaw.median(), medianRatio);
    }

    private static Variant fastest(List<Variant> variants, ToDoubleFunction<Variant> rate) {
        return variants.stream().max(Comparator.comparingDouble(rate)).orElseThrow();
    }

    private static String rates(Variant variant) {
        return Arrays.stream(variant.rates()).mapToObj(rate -> String.format(Locale.ROOT, "%.0f", rate)).toList()
                .toString();
    }

    private static double rawCursorDecoded(MongoDatabase database) {
        MongoCollection<BsonDocument> events = database.getCollection("events", BsonDocument.class);
        long t0 = System.nanoTime();
        long count = 0;
        try (MongoCursor<BsonDocument> cursor = events.find().batchSize(5000).iterator()) {
            while (cursor.hasNext()) {
                cursor.next();
                count++;
            }
        }
        return rawRate("cursor decoded", count, t0);
    }

    private static double rawCursorRawBson(MongoDatabase database) {
        MongoCollection<RawBsonDocument> events = database.getCollection("events", RawBsonDocument.class);
        long t0 = System.nanoTime();
        long count = 0;
        try (MongoCursor<RawBsonDocument> cursor = events.find().batchSize(5000).iterator()) {
            while (cursor.hasNext()) {
                cursor.next();
                count++;
            }
        }
        return rawRate("cursor raw", count, t0);
    }

    /** Reads positions 1..200k (the events' {@code _id}s) in {@code $in} batches of 1,000. */
    private static double rawIdInBatches(MongoDatabase database) {
        MongoCollection<BsonDocument> events = database.getCollection("events", BsonDocument.class);
        long t0 = System.nanoTime();
        long count = 0;
        for (long low = 1; low <= LARGE_STORE; low += 1000) {
            List<Long> ids = new ArrayList<>(1000);
            for (long id = low; id < low + 1000; id++) {
                ids.add(id);
            }
            for (BsonDocument ignored : events.find(Filters.in("_id", ids)).batchSize(1000)) {
                count++;
            }
        }
        return rawRate("_id $in batches", count, t0);
    }

    private static double rawRate(String variant, long count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (count != LARGE_STORE) {
            throw new IllegalStateException("raw read " + variant + " read " + count + " documents");
        }
        return count / seconds;
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
     * Events per second a real Axon processor (tracking, or pooled streaming), new under {@code name} so it starts
     * at the tail, handles until it has handled the whole large store. After it stops, the handled count must be
     * exactly {@value #LARGE_STORE}.
     */
    private static double processorRate(MongoDatabase database, String name, boolean pooled)
            throws InterruptedException {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine(database)).build();
        CountingHandler handler = new CountingHandler();
        MongoTokenStore tokenStore = new MongoTokenStore(database, AxonConfiguration.messageSerializer());
        StreamingEventProcessor processor;
        ScheduledExecutorService coordinator = null;
        ScheduledExecutorService workers = null;
        if (pooled) {
            coordinator = Executors.newSingleThreadScheduledExecutor();
            workers = Executors.newScheduledThreadPool(1);
            processor = PooledStreamingEventProcessor.builder()
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
        while (handler.handled.get() < LARGE_STORE) {
            Thread.sleep(5);
            if (System.nanoTime() - t0 > 180_000_000_000L) {
                throw new IllegalStateException(name + " handled only " + handler.handled.get());
            }
        }
        double rate = LARGE_STORE / ((System.nanoTime() - t0) / 1e9);
        processor.shutDown();
        store.shutDown();
        if (coordinator != null) {
            coordinator.shutdownNow();
            workers.shutdownNow();
        }
        if (handler.handled.get() != LARGE_STORE) {
            throw new IllegalStateException(name + " handled " + handler.handled.get() + " events");
        }
        return rate;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Our engine on {@code database}, configured as the application's (also used by EmbeddedStoreBenchmark). */
    static MongoEventStorageEngine engine(MongoDatabase database) {
        return MongoEventStorageEngine.builder()
                .database(database)
                .settings(EventStoreSettings.defaults())
                .eventSerializer(AxonConfiguration.messageSerializer())
                .snapshotSerializer(AxonConfiguration.snapshotSerializer())
                .build();
    }

    private static EventMessage<?> event(String aggregateId, long seq) {
        return event(aggregateId, seq, random);
    }

    /** A {@link DealBooked} at {@code seq} of {@code aggregateId}, its figures drawn from {@code random}. */
    static EventMessage<?> event(String aggregateId, long seq, Random random) {
        DealBooked payload = new DealBooked(aggregateId, "北京星辰科技有限公司 Beijing Star Technology Co.",
                "第" + seq + "笔订单 order line for the quarterly contract",
                Money.of(String.format(Locale.ROOT, "%d.%02d", 1000 + random.nextInt(90000), random.nextInt(100)), "CNY"),
                1 + random.nextInt(9));
        return new GenericDomainEventMessage<>("Deal", aggregateId, seq, payload,
                MetaData.from(Map.of("actor", "张伟", "correlationId", "c-" + aggregateId, "causationId", "cmd-" + seq)));
    }

    /** The {@code p}-th percentile (nearest rank) of {@code values}; {@code p} = 50 is the median. */
    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
