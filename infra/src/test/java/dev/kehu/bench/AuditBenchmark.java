package dev.kehu.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.audit.AuditLog;
import dev.kehu.infra.audit.AuditedAggregate;
import dev.kehu.infra.audit.History;
import dev.kehu.infra.audit.HistoryController;
import dev.kehu.infra.audit.HistoryFilter;
import dev.kehu.infra.audit.index.AuditIndex;
import dev.kehu.infra.audit.proof.MerkleLog;
import dev.kehu.infra.audit.proof.VerificationJobs;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Measures the audit read paths on a store of {@code AUDIT_EVENTS} events (default 1,000,000; seeded generator,
 * {@link AuditSeed}) that includes one customer with 10,000 events, each figure beside the raw driver read of the
 * same documents in the same run: history first page, CSV export, {@code asOf} 360 ({@link AsOfFigures}), actor page,
 * whole-log verification. Not a test: {@code mvn -q -Pbench -DskipTests verify -pl infra -am -Dbench=AuditBenchmark};
 * writes {@code bench-results/audit.json}.
 *
 * <p>The store is the application's embedded default: mongo-java-server on Kehu's store behind the durable wrapper, in a temporary
 * directory (deleted at the end). Why not the memory backend: the application never runs on it, and at 1M events it
 * filled a 4 GB heap. {@code AUDIT_DATA_DIR} names a directory to keep instead: a second run on it skips the seeding
 * (a marker file records what was seeded). {@code AUDIT_SEED_MINUTES} bounds the seeding (default 45),
 * {@code AUDIT_ONLY} picks figures ({@code history,export,asof,actor,verify}), {@code AUDIT_AS_OF_RUNS} the number of
 * random instants (300). Histories, exports and as-ofs are measured in process (service and controller code, no HTTP).
 */
public final class AuditBenchmark {

    private static final int PAGE = 50;
    private static final int PAGE_RUNS = 300;
    private static final int EXPORT_RUNS = 5;
    private static final String MARKER = "audit-bench-seeded.properties";

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long asked = Long.parseLong(env("AUDIT_EVENTS", "1000000"));
        Duration seedBound = Duration.ofMinutes(Long.parseLong(env("AUDIT_SEED_MINUTES", "45")));
        Set<String> only = Set.of(env("AUDIT_ONLY", "history,export,asof,actor,verify").split(","));
        boolean keep = System.getenv("AUDIT_DATA_DIR") != null;
        Path dir = keep ? Path.of(System.getenv("AUDIT_DATA_DIR")) : Files.createTempDirectory("audit-bench");
        Files.createDirectories(dir);
        Path marker = dir.resolve(MARKER);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.onFile(dir.resolve("mongodb"), 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("audit_bench");
            EventStoreSettings settings = EventStoreSettings.defaults();
            AuditLog log = new AuditLog(database, settings);
            AuditIndex index = new AuditIndex(database, "");
            Properties seeded = new Properties();
            if (Files.exists(marker)) {
                try (var in = Files.newBufferedReader(marker)) {
                    seeded.load(in);
                }
                System.out.println("reusing the store seeded in " + dir + ": " + seeded);
            } else {
                long started = System.nanoTime();
                long written = new AuditSeed(database, index, asked).write(asked, seedBound);
                seeded.setProperty("events", Long.toString(written));
                seeded.setProperty("generate_s", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
                started = System.nanoTime();
                new MerkleLog(database, "", log).advance();
                seeded.setProperty("checkpoint_s", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
                try (var out = Files.newBufferedWriter(marker)) {
                    seeded.store(out, "AuditBenchmark store");
                }
                System.out.println("seeded: " + seeded);
            }
            long total = Long.parseLong(seeded.getProperty("events"));
            MongoCollection<BsonDocument> events = database.getCollection(settings.eventsCollection(),
                    BsonDocument.class);
            Figures figures = new Figures();
            RawAggregateRead raw = new RawAggregateRead(database, AuditSeed.BIG);
            History history = new History(log);
            if (only.contains("history")) {
                double[][] pages = timePairs(PAGE_RUNS, () -> history.page(AuditedAggregate.CUSTOMER,
                        AuditSeed.BIG, HistoryFilter.ALL, 0, PAGE), () -> raw.read(PAGE + 1, false)); // page + next cursor
                figures.historyPage = pages[0];
                figures.historyRaw = pages[1];
            }
            if (only.contains("export")) {
                HistoryController controller = new HistoryController(history, JsonMapper.builder().build());
                Runnable export = () -> {
                    try {
                        controller.export(AuditedAggregate.CUSTOMER, AuditSeed.BIG, null, null, null, null, null,
                                "text/csv").getBody().writeTo(OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
                // the first export of a history not read before reads by key and remembers the positions
                figures.exportFirst = time(export);
                double[][] exports = timePairs(EXPORT_RUNS, export, () -> raw.read(AuditSeed.BIG_CUSTOMER_EVENTS, true));
                figures.export = exports[0];
                figures.exportRaw = exports[1];
            }
            if (only.contains("asof")) {
                // the 360 view of the big customer at random instants, beside the raw read of the same documents
                MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database)
                        .settings(settings).eventSerializer(AxonConfiguration.messageSerializer())
                        .snapshotSerializer(AxonConfiguration.snapshotSerializer()).build();
                figures.asOf = AsOfFigures.measure(database, engine, AuditSeed.BIG,
                        Integer.parseInt(env("AUDIT_AS_OF_RUNS", "300")), 7L);
            }
            if (only.contains("actor")) {
                MongoCollection<BsonDocument> indexCollection = database.getCollection("auditIndex",
                        BsonDocument.class);
                double[][] actors = timePairs(PAGE_RUNS, () -> index.page(AuditIndex.ACTOR, "李娜", null, null,
                        null, PAGE), () -> {
                    BsonArray ids = new BsonArray(List.of(new BsonString("actor:李娜"),
                            new BsonString("actor:李娜#0")));
                    indexCollection.find(new BsonDocument("_id", new BsonDocument("$in", ids)))
                            .into(new ArrayList<>());
                });
                figures.actorPage = actors[0];
                figures.actorRaw = actors[1];
            }
            if (only.contains("verify")) {
                double rawBefore = rawScan(events, total); // before and after the job: the machine is shared
                MerkleLog merkle = new MerkleLog(database, "", log);
                try (VerificationJobs jobs = new VerificationJobs(database, "", log, merkle, Clock.systemUTC())) {
                    VerificationJobs.Job job = jobs.start();
                    while (!jobs.get(job.id()).status().equals("done")) {
                        Thread.sleep(200);
                    }
                    VerificationJobs.Job done = jobs.get(job.id());
                    figures.verifyPerSecond = done.eventsPerSecond();
                    figures.verifyOk = done.ok();
                }
                double rawAfter = rawScan(events, total);
                System.out.printf(Locale.ROOT, "raw scan before the job %.0f/s, after %.0f/s%n", rawBefore, rawAfter);
                figures.verifyRawPerSecond = (rawBefore + rawAfter) / 2;
            }
            log.close();
            String json = figures.json(seeded, total, asked);
            System.out.print(json);
            Path out = Path.of("bench-results", "audit.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, json, StandardCharsets.UTF_8);
        } finally {
            if (!keep) {
                deleteTree(dir);
            }
        }
    }

    /** The measured figures (null: not measured in this run). */
    private static final class Figures {
        double[] historyPage;
        double[] historyRaw;
        double[] export;
        double[] exportRaw;
        Double exportFirst;
        AsOfFigures.Figures asOf;
        double[] actorPage;
        double[] actorRaw;
        Double verifyPerSecond;
        Double verifyRawPerSecond;
        Boolean verifyOk;

        String json(Properties seeded, long total, long asked) {
            return String.format(Locale.ROOT, """
                    {
                      "date": "%s",
                      "store": "mongo-java-server on Kehu's store (StoreBackend in DurableH2Backend), durable file",
                      "events": %d,
                      "events_asked": %d,
                      "big_customer_events": %d,
                      "generate_s": %s,
                      "checkpoint_s": %s,
                      "history_page_p99_ms": %s,
                      "history_page_raw_p99_ms": %s,
                      "history_page_p50_ms": %s,
                      "export_10k_ms": %s,
                      "export_10k_raw_ms": %s,
                      "export_10k_first_ms": %s,
                      "as_of_p99_ms": %s,
                      "as_of_raw_p99_ms": %s,
                      "as_of_p50_ms": %s,
                      "as_of_first_ms": %s,
                      "actor_page_p99_ms": %s,
                      "actor_page_raw_p99_ms": %s,
                      "verify_events_per_s": %s,
                      "verify_raw_events_per_s": %s,
                      "verify_ok": %s
                    }
                    """, java.time.LocalDate.now(java.time.ZoneOffset.UTC), total, asked,
                    AuditSeed.BIG_CUSTOMER_EVENTS, seeded.getProperty("generate_s"),
                    seeded.getProperty("checkpoint_s"), p(historyPage, 0.99), p(historyRaw, 0.99),
                    p(historyPage, 0.5), p(export, 0.5), p(exportRaw, 0.5),
                    exportFirst == null ? null : f(exportFirst), asOf == null ? null : f(asOf.asOfP99Ms()), asOf == null ? null : f(asOf.rawP99Ms()),
                    asOf == null ? null : f(asOf.asOfP50Ms()), asOf == null ? null : f(asOf.firstMs()), p(actorPage, 0.99), p(actorRaw, 0.99),
                    verifyPerSecond == null ? null : String.format(Locale.ROOT, "%.0f", verifyPerSecond),
                    verifyRawPerSecond == null ? null : String.format(Locale.ROOT, "%.0f", verifyRawPerSecond),
                    verifyOk);
        }

        private static String f(double value) {
            return String.format(Locale.ROOT, "%.2f", value);
        }

        private static String p(double[] values, double p) {
            return values == null ? null : String.format(Locale.ROOT, "%.2f", percentile(values, p));
        }
    }

    /** The raw read of the whole log as the job reads it: one cursor over the range of {@code _id}; per second. */
    private static double rawScan(MongoCollection<BsonDocument> events, long total) {
        long started = System.nanoTime();
        long read = 0;
        for (BsonDocument ignored : events.find(new BsonDocument("_id", new BsonDocument("$gte", new BsonInt64(1))
                .append("$lte", new BsonInt64(total)))).batchSize(1000)) {
            read++;
        }
        return read / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * Times {@code audit} and {@code raw} alternately, run by run, so that both see the same load on a shared
     * machine; returns the two series of milliseconds.
     */
    private static double[][] timePairs(int runs, Runnable audit, Runnable raw) {
        for (int i = 0; i < Math.max(3, runs / 10); i++) {
            audit.run(); // warm up
            raw.run();
        }
        double[][] millis = new double[2][runs];
        for (int i = 0; i < runs; i++) {
            millis[0][i] = time(audit);
            millis[1][i] = time(raw);
        }
        return millis;
    }

    private static double time(Runnable run) {
        long started = System.nanoTime();
        run.run();
        return (System.nanoTime() - started) / 1e6;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
