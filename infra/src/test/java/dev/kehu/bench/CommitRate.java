package dev.kehu.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.mongodb.MongoConfiguration;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code commit_rate_durable}: single-event commits per second through the event store engine, four threads, on the
 * embedded default (H2 file, each reply once its write is synced), beside the same H2 file store without durable
 * replies (H2's own commit about once a second, nothing synced; the backend before durable replies), in the same
 * run. Not a test: {@code mvn -q -Pbench -DskipTests verify -pl infra -am -Dbench=CommitRate} prints the figures
 * and writes {@code bench-results/commit-rate.json}; {@link #measure()} gives them to other drills.
 *
 * <p>Both stores are open side by side on fresh files; the timed windows alternate between them
 * ({@value #ROUNDS} windows of {@value #WINDOW_SECONDS} s each, after a warm-up of each), so that load from
 * elsewhere on the machine falls on both alike. Each thread commits to its own {@value #AGGREGATES_PER_THREAD}
 * aggregates in turn, one event per commit, the next sequence number each time.
 */
public final class CommitRate {

    static final int THREADS = 4;
    private static final int ROUNDS = 3;
    private static final int WINDOW_SECONDS = 8;
    private static final int WARM_UP_SECONDS = 5;
    private static final int AGGREGATES_PER_THREAD = 250;

    /** Commits per second, durable and not, and their ratio. */
    public record Figures(double durable, double notDurable) {
        public double ratio() {
            return durable / notDurable;
        }
    }

    @Revision("1")
    public record ContactNoted(String customerId, String note, int number) {
    }

    private CommitRate() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Figures figures = measure();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("commit_rate_durable", round(figures.durable()));
        results.put("commit_rate_not_durable", round(figures.notDurable()));
        results.put("durable_ratio", round(figures.ratio()));
        results.put("threads", THREADS);
        results.put("timed_windows_per_store", ROUNDS);
        results.put("window_seconds", WINDOW_SECONDS);
        results.put("date", LocalDate.now().toString());
        results.put("backend", "mongo-java-server 1.47.0 H2 file backend over TCP: durable (commit + fsync before"
                + " each reply, group commit) vs H2 auto-commit (about once a second, no fsync)");
        results.put("runtime_seconds", round((System.nanoTime() - started) / 1e9));
        BenchResults.write("commit-rate.json", results);
        System.exit(0);
    }

    /** Measures both stores in one run (about a minute); see the class comment. */
    public static Figures measure() throws IOException {
        Path work = Files.createTempDirectory("kehu-commit-rate");
        Path notDurableDir = Files.createDirectories(work.resolve("auto-commit"));
        MongoServer notDurableServer = new MongoServer(new H2Backend(notDurableDir.resolve("kehu.mv").toString()));
        try (EmbeddedMongoServer durableServer = EmbeddedMongoServer.onFile(work.resolve("durable"), 0);
             MongoClient durableClient = MongoClients.create(MongoConfiguration.clientSettings(durableServer.connectionString()));
             MongoClient notDurableClient = MongoClients.create(MongoConfiguration.clientSettings(
                     "mongodb://127.0.0.1:" + notDurableServer.bind().getPort()))) {
            Store durable = new Store(engine(durableClient));
            Store notDurable = new Store(engine(notDurableClient));
            durable.run(Duration.ofSeconds(WARM_UP_SECONDS));
            notDurable.run(Duration.ofSeconds(WARM_UP_SECONDS));
            long durableCommits = 0;
            long notDurableCommits = 0;
            long durableNanos = 0;
            long notDurableNanos = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                long d = durable.run(Duration.ofSeconds(WINDOW_SECONDS));
                long t1 = System.nanoTime();
                long n = notDurable.run(Duration.ofSeconds(WINDOW_SECONDS));
                long t2 = System.nanoTime();
                durableCommits += d;
                notDurableCommits += n;
                durableNanos += t1 - t0;
                notDurableNanos += t2 - t1;
                System.out.printf(Locale.ROOT, "window %d: durable %.0f commits/s, not durable %.0f commits/s%n",
                        round + 1, d / ((t1 - t0) / 1e9), n / ((t2 - t1) / 1e9));
            }
            Figures figures = new Figures(durableCommits / (durableNanos / 1e9),
                    notDurableCommits / (notDurableNanos / 1e9));
            System.out.printf(Locale.ROOT, "commit_rate_durable %.0f/s, commit_rate_not_durable %.0f/s, ratio %.3f%n",
                    figures.durable(), figures.notDurable(), figures.ratio());
            return figures;
        } finally {
            notDurableServer.shutdownNow();
            deleteQuietly(work);
        }
    }

    private static MongoEventStorageEngine engine(MongoClient client) {
        return MongoEventStorageEngine.builder()
                .database(client.getDatabase("kehu"))
                .eventSerializer(AxonConfiguration.messageSerializer())
                .snapshotSerializer(AxonConfiguration.snapshotSerializer())
                .build();
    }

    /** One engine and the next sequence number of each thread's aggregates. */
    private static final class Store {
        private final MongoEventStorageEngine engine;
        private final long[][] nextSeq = new long[THREADS][AGGREGATES_PER_THREAD];
        private final int[] nextAggregate = new int[THREADS];

        Store(MongoEventStorageEngine engine) {
            this.engine = engine;
        }

        /** Commits from four threads for {@code window}; returns how many commits were acknowledged. */
        long run(Duration window) {
            AtomicLong commits = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Thread writer = new Thread(() -> {
                    while (!stop.get()) {
                        int aggregate = nextAggregate[thread]++ % AGGREGATES_PER_THREAD;
                        long seq = nextSeq[thread][aggregate]++;
                        String id = "customer-" + thread + "-" + aggregate;
                        engine.appendEvents(new GenericDomainEventMessage<>("Customer", id, seq,
                                new ContactNoted(id, seq % 2 == 0 ? "电话回访 follow-up call" : "Sent the quote", (int) seq),
                                MetaData.with("actor", "bench")));
                        commits.incrementAndGet();
                    }
                });
                writer.start();
                threads.add(writer);
            }
            try {
                Thread.sleep(window.toMillis());
                stop.set(true);
                for (Thread thread : threads) {
                    thread.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
            }
            return commits.get();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
