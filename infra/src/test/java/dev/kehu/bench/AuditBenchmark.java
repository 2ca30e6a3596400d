package dev.kehu.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.kehu.events.Money;
import dev.kehu.events.customer.CreditLimitSet;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.infra.audit.AuditLog;
import dev.kehu.infra.audit.AuditedAggregate;
import dev.kehu.infra.audit.History;
import dev.kehu.infra.audit.HistoryController;
import dev.kehu.infra.audit.HistoryFilter;
import dev.kehu.infra.audit.index.AuditIndex;
import dev.kehu.infra.audit.index.IndexEntry;
import dev.kehu.infra.audit.proof.MerkleLog;
import dev.kehu.infra.audit.proof.VerificationJobs;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import tools.jackson.databind.json.JsonMapper;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures the audit read paths on a store of {@code -Daudit.events} events (default 1,000,000; seeded generator)
 * that includes one customer with 10,000 events, each figure beside the raw driver read of the same documents in the
 * same run. Not a test: {@code mvn -q -Pbench -DskipTests verify -pl infra -am -Dbench=AuditBenchmark}; writes
 * {@code bench-results/audit.json}.
 *
 * <p>The store is written by the real engine ({@code appendEvents}, commits of 500 events over many customers, so
 * documents, hashes and chains are exactly what the application writes). The actor index is fed the same entries
 * through {@link AuditIndex#append} (the write path of the index's processor) in batches of 1,000, instead of
 * running the Axon processor over the whole store. Histories and exports are measured in process (service and
 * controller code, no HTTP).
 */
public final class AuditBenchmark {

    private static final int BIG_CUSTOMER_EVENTS = 10_000;
    private static final int EVENTS_PER_CUSTOMER = 10;
    private static final int COMMIT = 500;
    private static final int PAGE = 50;
    private static final int PAGE_RUNS = 300;
    private static final int EXPORT_RUNS = 5;
    private static final String[] ACTORS = {"张伟", "李娜", "王芳", "alice", "bob", "carol", "刘洋", "陈静"};

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long total = Long.getLong("audit.events", System.getenv("AUDIT_EVENTS") == null ? 1_000_000L
                : Long.parseLong(System.getenv("AUDIT_EVENTS")));
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoDatabase database = client.getDatabase("audit_bench");
            EventStoreSettings settings = EventStoreSettings.defaults();
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database).settings(settings)
                    .eventSerializer(AxonConfiguration.messageSerializer())
                    .snapshotSerializer(AxonConfiguration.snapshotSerializer()).build();
            AuditLog log = new AuditLog(database, settings);
            AuditIndex index = new AuditIndex(database, "");
            long started = System.nanoTime();
            generate(engine, index, total);
            double generateSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "generated %,d events in %.1f s%n", total, generateSeconds);

            History history = new History(log);
            MongoCollection<BsonDocument> events = database.getCollection("events", BsonDocument.class);
            MongoCollection<BsonDocument> indexCollection = database.getCollection("auditIndex", BsonDocument.class);

            double[] historyPage = timeRuns(PAGE_RUNS, () -> history.page(AuditedAggregate.CUSTOMER, "big",
                    HistoryFilter.ALL, 0, PAGE));
            double[] historyRaw = timeRuns(PAGE_RUNS, () -> {
                for (long seq = 0; seq < PAGE; seq++) {
                    events.find(new BsonDocument("aggregateId", new BsonString("big")).append("seq",
                            new BsonInt64(seq))).first();
                }
            });
            HistoryController controller = new HistoryController(history, JsonMapper.builder().build());
            double[] export = timeRuns(EXPORT_RUNS, () -> {
                try {
                    controller.customerExport("big", null, null, null, null, null, "text/csv").getBody()
                            .writeTo(OutputStream.nullOutputStream());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            double[] exportRaw = timeRuns(EXPORT_RUNS, () -> {
                for (long seq = 0; seq < BIG_CUSTOMER_EVENTS; seq++) {
                    events.find(new BsonDocument("aggregateId", new BsonString("big")).append("seq",
                            new BsonInt64(seq))).first();
                }
            });
            double[] actorPage = timeRuns(PAGE_RUNS, () -> index.page(AuditIndex.ACTOR, "李娜", null, null, null,
                    PAGE));
            double[] actorRaw = timeRuns(PAGE_RUNS, () -> {
                BsonArray ids = new BsonArray(List.of(new BsonString("actor:李娜"), new BsonString("actor:李娜#0")));
                indexCollection.find(new BsonDocument("_id", new BsonDocument("$in", ids))).into(new ArrayList<>());
            });

            MerkleLog merkle = new MerkleLog(database, "", log);
            started = System.nanoTime();
            merkle.advance();
            double checkpointSeconds = (System.nanoTime() - started) / 1e9;
            VerificationJobs jobs = new VerificationJobs(database, "", log, merkle, Clock.systemUTC());
            VerificationJobs.Job job = jobs.start();
            while (!jobs.get(job.id()).status().equals("done")) {
                Thread.sleep(200);
            }
            VerificationJobs.Job done = jobs.get(job.id());
            started = System.nanoTime();
            long rawRead = 0; // the same access path as the job: one cursor over the range of _id
            for (BsonDocument ignored : events.find(new BsonDocument("_id", new BsonDocument("$gte", new BsonInt64(1))
                    .append("$lte", new BsonInt64(total)))).batchSize(1000)) {
                rawRead++;
            }
            double rawPerSecond = rawRead / ((System.nanoTime() - started) / 1e9);
            jobs.close();
            log.close();

            String json = String.format(Locale.ROOT, """
                    {
                      "events": %d,
                      "big_customer_events": %d,
                      "generate_s": %.1f,
                      "checkpoint_s": %.1f,
                      "history_page_p99_ms": %.2f,
                      "history_page_raw_p99_ms": %.2f,
                      "history_page_p50_ms": %.2f,
                      "export_10k_ms": %.1f,
                      "export_10k_raw_ms": %.1f,
                      "actor_page_p99_ms": %.2f,
                      "actor_page_raw_p99_ms": %.2f,
                      "verify_events_per_s": %.0f,
                      "verify_raw_events_per_s": %.0f,
                      "verify_ok": %s
                    }
                    """, total, BIG_CUSTOMER_EVENTS, generateSeconds, checkpointSeconds,
                    percentile(historyPage, 0.99), percentile(historyRaw, 0.99), percentile(historyPage, 0.5),
                    percentile(export, 0.5), percentile(exportRaw, 0.5), percentile(actorPage, 0.99),
                    percentile(actorRaw, 0.99), done.eventsPerSecond(), rawPerSecond, done.ok());
            System.out.print(json);
            Path out = Path.of("bench-results", "audit.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, json, StandardCharsets.UTF_8);
        } finally {
            server.shutdownNow();
        }
    }

    /**
     * Customers of {@value #EVENTS_PER_CUSTOMER} events (registered, then credit limits) and one customer "big" of
     * {@value #BIG_CUSTOMER_EVENTS}, committed {@value #COMMIT} events at a time across many customers.
     */
    private static void generate(MongoEventStorageEngine engine, AuditIndex index, long total) {
        Random random = new Random(20261207L);
        long customers = (total - BIG_CUSTOMER_EVENTS) / EVENTS_PER_CUSTOMER;
        long small = customers * EVENTS_PER_CUSTOMER;
        double bigShare = (double) BIG_CUSTOMER_EVENTS / small;
        Generator generator = new Generator(engine, index, random);
        for (int round = 0; round < EVENTS_PER_CUSTOMER; round++) {
            for (long c = 0; c < customers; c++) {
                generator.add("c-" + c, round, c);
                if (generator.bigSeq < BIG_CUSTOMER_EVENTS && random.nextDouble() < bigShare) {
                    generator.add("big", generator.bigSeq++, -1);
                }
            }
        }
        while (generator.written < total) {
            generator.add("big", generator.bigSeq++, -1);
        }
        generator.flush();
    }

    /** Turns (customer, seq) into engine commits and index batches. */
    private static final class Generator {
        private final MongoEventStorageEngine engine;
        private final AuditIndex index;
        private final Random random;
        private final List<EventMessage<?>> commit = new ArrayList<>(COMMIT);
        private final List<IndexEntry> entries = new ArrayList<>(1000);
        private Instant clock = Instant.parse("2025-01-01T00:00:00Z");
        private long written;
        private long bigSeq;

        Generator(MongoEventStorageEngine engine, AuditIndex index, Random random) {
            this.engine = engine;
            this.index = index;
            this.random = random;
        }

        void add(String id, long seq, long number) {
            String actor = ACTORS[random.nextInt(ACTORS.length)];
            Object payload = seq == 0
                    ? new CustomerRegistered(id, CustomerKind.COMPANY, new CustomerProfile("客户" + number + "有限公司",
                    "Customer " + number + " Ltd.", "9111" + number, null, null, "retail", "上海", "BUSINESS",
                    "REFERRAL", List.of(), List.of(), Map.of(), null))
                    : new CreditLimitSet(id, Money.of((100 + random.nextInt(9000)) + "000.00", "CNY"), null);
            clock = clock.plusMillis(random.nextInt(200));
            String correlation = "corr-" + written;
            commit.add(new GenericDomainEventMessage<>("Customer", id, seq, payload, MetaData.from(Map.of(
                    "actor", actor, "reason", "批量导入 bulk import", "correlationId", correlation,
                    "causationId", "cmd-" + written)), new java.util.UUID(random.nextLong(), random.nextLong())
                    .toString(), clock));
            written++;
            entries.add(new IndexEntry(written, "Customer", id, seq, payload.getClass().getSimpleName(), clock,
                    actor, correlation));
            if (commit.size() == COMMIT) {
                flush();
            }
        }

        void flush() {
            if (!commit.isEmpty()) {
                engine.appendEvents(commit);
                commit.clear();
            }
            if (!entries.isEmpty()) {
                index.append(entries);
                entries.clear();
            }
        }
    }

    private static double[] timeRuns(int runs, Runnable run) {
        for (int i = 0; i < Math.max(3, runs / 10); i++) {
            run.run(); // warm up
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            run.run();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        return millis;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
}
