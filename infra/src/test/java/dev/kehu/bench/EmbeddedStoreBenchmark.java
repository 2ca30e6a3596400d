package dev.kehu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.axonframework.eventhandling.EventMessage;
import org.bson.RawBsonDocument;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.embedded.StockH2DurableServer;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.mongodb.MongoConfiguration;

/**
 * The embedded server's storage, old beside new in one run: mongo-java-server's own H2 backend ("stock") and Kehu's
 * store, both under the same durable wrapper (every reply waits for its sync). The store is seeded through the real
 * {@link MongoEventStorageEngine} on Kehu's store (aggregates of 20 events, one commit each), and the very same
 * documents are copied into the stock store (its seeding through the engine would take most of an hour). Then, side
 * by side, alternating which goes first: a whole-log {@code _id > 0} cursor, 10,000 point reads by {@code _id} 32 in
 * flight, 10,000 reads as {@code _id $in} batches of 100, loads of 20-event aggregates through the engine (point reads
 * on the unique {@code (aggregateId, seq)} index) and single-event durable commits; finally the file size per event
 * after a restart (Kehu's store compacts a sparse file then). Writes {@code bench-results/embedded-store.json}.
 *
 * <p>{@code STORE_BENCH_EVENTS} sets the store size (default 200,000).
 */
public final class EmbeddedStoreBenchmark {

    private static final int EVENTS = Integer.parseInt(System.getenv().getOrDefault("STORE_BENCH_EVENTS", "200000"));
    private static final int EVENTS_PER_AGGREGATE = 20;
    private static final int POINT_READS = 10_000;
    private static final int IN_FLIGHT = 32;
    private static final int IN_BATCH = 100;
    private static final int LOADS = 200;
    private static final int COMMITS = 1_000;
    private static final int SCAN_RUNS_KEHU = 3;
    private static final long SCAN_BOUND_MS = 240_000;
    private static final Random random = new Random(20261207L);

    private EmbeddedStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", Instant.now().toString());
        results.put("load_average_start", loadAverage());
        results.put("events", EVENTS);
        Path root = Files.createTempDirectory("kehu-store-bench");
        Path kehuDir = root.resolve("kehu");
        Path stockDir = root.resolve("stock");
        try {
            EmbeddedMongoServer kehu = EmbeddedMongoServer.onFile(kehuDir, 0);
            StockH2DurableServer stock = StockH2DurableServer.start(stockDir);
            try (MongoClient kehuClient = MongoClients.create(MongoConfiguration.clientSettings(kehu.connectionString()));
                 MongoClient stockClient = MongoClients.create(
                         MongoConfiguration.clientSettings(stock.connectionString()))) {
                Side k = new Side("kehu", kehuClient.getDatabase("kehu"));
                Side s = new Side("stock", stockClient.getDatabase("kehu"));
                long started = System.nanoTime();
                seed(k);
                results.put("seed_kehu_events_per_s", rate(EVENTS, started));
                started = System.nanoTime();
                copy(k, s);
                results.put("copy_stock_docs_per_s", rate(EVENTS, started));
                measure(k, s, results);
            } finally {
                kehu.close();
                stock.close();
            }
            long events = EVENTS + COMMITS;
            long kehuBefore = Files.size(kehuDir.resolve("kehu.mv"));
            EmbeddedMongoServer.onFile(kehuDir, 0).close(); // a restart: compacts a sparse file
            long kehuAfter = Files.size(kehuDir.resolve("kehu.mv"));
            long stockBytes = Files.size(stockDir.resolve("kehu.mv"));
            results.put("kehu_file_bytes_before_restart", kehuBefore);
            results.put("kehu_file_bytes", kehuAfter);
            results.put("stock_file_bytes", stockBytes);
            results.put("bytes_per_event", kehuAfter / events);
            results.put("stock_bytes_per_event", stockBytes / events);
            results.put("load_average_end", loadAverage());
            BenchResults.write("embedded-store.json", results);
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** One server under test: its database, raw events collection and an engine on it. */
    private record Side(String name, MongoDatabase database, MongoCollection<RawBsonDocument> raw,
                        MongoEventStorageEngine engine) {
        Side(String name, MongoDatabase database) {
            this(name, database, database.getCollection("events", RawBsonDocument.class),
                    EmbeddedStoreBenchmark.engine(database));
        }
    }

    // ------------------------------------------------------------------------------------------------ seeding

    private static void seed(Side side) {
        long started = System.nanoTime();
        for (int aggregate = 0; aggregate < EVENTS / EVENTS_PER_AGGREGATE; aggregate++) {
            List<EventMessage<?>> commit = new ArrayList<>(EVENTS_PER_AGGREGATE);
            for (int seq = 0; seq < EVENTS_PER_AGGREGATE; seq++) {
                commit.add(event("agg-" + aggregate, seq));
            }
            side.engine().appendEvents(commit);
            if ((aggregate + 1) % 2_000 == 0) {
                System.out.printf(Locale.ROOT, "seeded %,d events (%.0f/s), load %s%n",
                        (aggregate + 1) * EVENTS_PER_AGGREGATE, rate((aggregate + 1) * EVENTS_PER_AGGREGATE, started),
                        loadAverage());
            }
        }
        require(side.raw().countDocuments() == EVENTS, "seeded " + side.raw().countDocuments());
    }

    /** The very same documents, in position order, 1,000 per insert. */
    private static void copy(Side from, Side to) {
        List<RawBsonDocument> batch = new ArrayList<>(1_000);
        long copied = 0;
        long started = System.nanoTime();
        try (MongoCursor<RawBsonDocument> cursor = from.raw().find(Filters.gt("_id", 0L)).batchSize(1_000).iterator()) {
            while (cursor.hasNext()) {
                batch.add(cursor.next());
                if (batch.size() == 1_000 || !cursor.hasNext()) {
                    to.raw().insertMany(batch);
                    copied += batch.size();
                    batch.clear();
                    if (copied % 20_000 == 0) {
                        System.out.printf(Locale.ROOT, "copied %,d documents to the stock store (%.0f/s)%n", copied,
                                rate(copied, started));
                    }
                }
            }
        }
        require(to.raw().countDocuments() == EVENTS, "copied " + to.raw().countDocuments());
    }

    // ------------------------------------------------------------------------------------------------ measuring

    private static void measure(Side kehu, Side stock, Map<String, Object> results) throws Exception {
        // warm-up of both: point reads and a short range
        pointReads(kehu, 1_000);
        pointReads(stock, 1_000);

        double[] kehuScan = new double[SCAN_RUNS_KEHU];
        for (int run = 0; run < SCAN_RUNS_KEHU; run++) {
            kehuScan[run] = scan(kehu);
        }
        double stockScan = scan(stock);
        results.put("range_scan_docs_per_s", Math.round(median(kehuScan)));
        results.put("range_scan_docs_per_s_best", Math.round(Arrays.stream(kehuScan).max().orElse(0)));
        results.put("stock_range_scan_docs_per_s", Math.round(stockScan));

        long stockPoint = pointReads(stock, POINT_READS);
        long kehuPoint = pointReads(kehu, POINT_READS);
        long kehuPoint2 = pointReads(kehu, POINT_READS);
        long stockPoint2 = pointReads(stock, POINT_READS);
        results.put("point_reads_10k_ms", Math.min(kehuPoint, kehuPoint2));
        results.put("stock_point_reads_10k_ms", Math.min(stockPoint, stockPoint2));

        long kehuIn = inReads(kehu);
        long stockIn = inReads(stock);
        results.put("in_reads_10k_ms", Math.min(kehuIn, inReads(kehu)));
        results.put("stock_in_reads_10k_ms", Math.min(stockIn, inReads(stock)));

        double[] kehuLoads = new double[LOADS];
        double[] stockLoads = new double[LOADS];
        for (int i = 0; i < LOADS; i++) {
            String aggregate = "agg-" + random.nextInt(EVENTS / EVENTS_PER_AGGREGATE);
            if (i % 2 == 0) {
                kehuLoads[i] = load(kehu, aggregate);
                stockLoads[i] = load(stock, aggregate);
            } else {
                stockLoads[i] = load(stock, aggregate);
                kehuLoads[i] = load(kehu, aggregate);
            }
        }
        results.put("aggregate_load_median_ms", round(median(kehuLoads)));
        results.put("stock_aggregate_load_median_ms", round(median(stockLoads)));

        double kehuCommits = 0;
        double stockCommits = 0;
        long[] nextSeq = new long[2_000];
        for (int round = 0; round < 2; round++) {
            kehuCommits += commits(kehu, nextSeq, 0, COMMITS / 2);
            stockCommits += commits(stock, nextSeq, 1_000, COMMITS / 2);
        }
        results.put("commits_per_s", Math.round(kehuCommits / 2));
        results.put("stock_commits_per_s", Math.round(stockCommits / 2));
        results.put("load_average_measured", loadAverage());
    }

    /** The whole log through one {@code _id > 0} cursor, kept as raw bytes; documents/s. */
    private static double scan(Side side) {
        long started = System.nanoTime();
        long deadline = System.currentTimeMillis() + SCAN_BOUND_MS;
        long count = 0;
        long last = 0;
        try (MongoCursor<RawBsonDocument> cursor = side.raw().find(Filters.gt("_id", 0L)).batchSize(1_000)
                .iterator()) {
            while (cursor.hasNext() && System.currentTimeMillis() < deadline) {
                long id = cursor.next().getInt64("_id").getValue();
                require(id > last, side.name() + ": out of order at " + id);
                last = id;
                count++;
            }
        }
        require(count == EVENTS || System.currentTimeMillis() >= deadline, side.name() + " scanned " + count);
        double rate = rate(count, started);
        System.out.printf(Locale.ROOT, "%s: range scan %,d documents, %.0f/s (load %s)%n", side.name(), count, rate,
                loadAverage());
        return rate;
    }

    /** {@code count} point reads of random positions, {@value #IN_FLIGHT} in flight; wall-clock ms. */
    private static long pointReads(Side side, int count) throws Exception {
        long[] ids = random.longs(count, 1, EVENTS + 1).toArray();
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < IN_FLIGHT; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < ids.length; i += IN_FLIGHT) {
                        RawBsonDocument found = side.raw().find(Filters.eq("_id", ids[i])).first();
                        require(found != null, side.name() + ": no event " + ids[i]);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(10, TimeUnit.MINUTES);
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.printf(Locale.ROOT, "%s: %,d point reads in %d ms%n", side.name(), count, ms);
            return ms;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@value #POINT_READS} random positions as {@code _id $in} batches of {@value #IN_BATCH}, one after another. */
    private static long inReads(Side side) {
        long started = System.nanoTime();
        for (int query = 0; query < POINT_READS / IN_BATCH; query++) {
            Set<Long> ids = new LinkedHashSet<>();
            while (ids.size() < IN_BATCH) {
                ids.add(1 + (long) random.nextInt(EVENTS));
            }
            int found = 0;
            for (RawBsonDocument ignored : side.raw().find(Filters.in("_id", ids)).batchSize(IN_BATCH)) {
                found++;
            }
            require(found == IN_BATCH, side.name() + ": $in found " + found);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(Locale.ROOT, "%s: %,d reads as $in batches in %d ms%n", side.name(), POINT_READS, ms);
        return ms;
    }

    private static double load(Side side, String aggregate) {
        long started = System.nanoTime();
        long count = side.engine().readEvents(aggregate).asStream().count();
        require(count == EVENTS_PER_AGGREGATE, side.name() + ": " + aggregate + " has " + count);
        return (System.nanoTime() - started) / 1e6;
    }

    /** Single-event commits to aggregates of this side ({@code offset}); commits/s. */
    private static double commits(Side side, long[] nextSeq, int offset, int count) {
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int aggregate = offset + random.nextInt(1_000);
            side.engine().appendEvents(event("commit-" + aggregate, nextSeq[aggregate]++));
        }
        double rate = rate(count, started);
        System.out.printf(Locale.ROOT, "%s: %d single-event commits, %.0f/s%n", side.name(), count, rate);
        return rate;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static MongoEventStorageEngine engine(MongoDatabase database) {
        return EventStoreBenchmark.engine(database);
    }

    private static EventMessage<?> event(String aggregateId, long seq) {
        return EventStoreBenchmark.event(aggregateId, seq, random);
    }

    private static double rate(long count, long startedNanos) {
        return count / ((System.nanoTime() - startedNanos) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
