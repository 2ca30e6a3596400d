package dev.kehu.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.kehu.events.Money;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.mongodb.MongoConfiguration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.MetaData;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code peer} section of {@link EventStoreBenchmark}: Axon's own {@code JdbcEventStorageEngine} on PostgreSQL
 * (Debian's {@code postgresql} package; a cluster made with {@code initdb} in a temporary directory, started with
 * {@code pg_ctl} on a free loopback port, every durability setting at its default: each commit is fsynced) beside
 * our engine on the embedded default's backend ({@link EmbeddedMongoServer#onFile}: mongo-java-server on the durable
 * H2 file, each reply once its write is on disk), in the same run, with the same events, serializer and warm-up.
 * When PostgreSQL is missing the section prints how to install it and is skipped.
 *
 * <p>Keys: {@code peer_append_ratio} (the issue's key: the lower of the two below, so it meets its target only when
 * both writer counts do), {@code peer_append_ratio_1} and {@code peer_append_ratio_4} (our single-event commits/s ÷
 * PostgreSQL's with 1 and 4 writers), {@code peer_load_ratio} (PostgreSQL's median load of a 20-event aggregate ÷
 * ours), {@code peer_stream_ratio} (our events/s reading the whole store from the tail ÷ PostgreSQL's) and
 * {@code bytes_per_event} (our H2 file ÷ events stored), with the raw figures beside them.
 */
final class PeerComparison {

    static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final int APPEND_SECONDS = 6;
    static final int APPEND_MAX_COMMITS = 20_000;
    static final int STORE_AGGREGATES = 1_000;
    static final int EVENTS_PER_AGGREGATE = 20;
    static final int LOADS = 300;

    private PeerComparison() {
    }

    static void measure(Map<String, Object> results) throws Exception {
        Path bin = findPostgres();
        if (bin == null) {
            System.out.println("peer: PostgreSQL is not installed; install it with `apt-get install -y postgresql`"
                    + " (Debian) to run this section. Skipped.");
            results.put("peer", "skipped: PostgreSQL not installed");
            return;
        }
        Path work = Files.createTempDirectory("kehu-peer");
        try (PostgresCluster pg = PostgresCluster.start(bin, work.resolve("pg"));
             EmbeddedMongoServer mongo = EmbeddedMongoServer.onFile(work.resolve("mongo"), 0);
             MongoClient client = MongoClients.create(MongoConfiguration.clientSettings(mongo.connectionString()))) {
            JdbcEventStorageEngine jdbc = jdbcEngine(pg);
            MongoEventStorageEngine ours = MongoEventStorageEngine.builder().database(client.getDatabase("peer"))
                    .eventSerializer(AxonConfiguration.messageSerializer())
                    .snapshotSerializer(AxonConfiguration.snapshotSerializer()).build();

            double lowestAppendRatio = Double.MAX_VALUE;
            for (int writers : new int[]{1, 4}) {
                appendRate(jdbc, writers, "warm-pg-" + writers);
                appendRate(ours, writers, "warm-ours-" + writers);
                double pgRate = appendRate(jdbc, writers, "pg-" + writers);
                double ourRate = appendRate(ours, writers, "ours-" + writers);
                System.out.printf(Locale.ROOT, "peer append, %d writer(s): ours %.0f, PostgreSQL %.0f commits/s%n",
                        writers, ourRate, pgRate);
                results.put("peer_append_ratio_" + writers, round(ourRate / pgRate));
                lowestAppendRatio = Math.min(lowestAppendRatio, ourRate / pgRate);
                results.put("peer_commits_per_s_ours_" + writers, round(ourRate));
                results.put("peer_commits_per_s_pg_" + writers, round(pgRate));
            }

            results.put("peer_append_ratio", round(lowestAppendRatio));

            seed(jdbc);
            seed(ours);
            double pgLoad = loadMedianMillis(jdbc);
            double ourLoad = loadMedianMillis(ours);
            pgLoad = loadMedianMillis(jdbc);
            ourLoad = loadMedianMillis(ours);
            System.out.printf(Locale.ROOT, "peer load 20 events: ours %.2f ms, PostgreSQL %.2f ms (median)%n",
                    ourLoad, pgLoad);
            results.put("peer_load_ratio", round(pgLoad / ourLoad));
            results.put("peer_load_median_ms_ours", round(ourLoad));
            results.put("peer_load_median_ms_pg", round(pgLoad));

            streamRate(jdbc);
            streamRate(ours);
            double pgStream = streamRate(jdbc);
            double ourStream = streamRate(ours);
            System.out.printf(Locale.ROOT, "peer stream: ours %.0f, PostgreSQL %.0f events/s%n", ourStream, pgStream);
            results.put("peer_stream_ratio", round(ourStream / pgStream));
            results.put("peer_stream_events_per_s_ours", round(ourStream));
            results.put("peer_stream_events_per_s_pg", round(pgStream));

            long events = ours.readEvents(null, false).count();
            long ourBytes = Files.size(work.resolve("mongo").resolve("kehu.mv"));
            long pgBytes = pg.tableBytes();
            results.put("bytes_per_event", Math.round((double) ourBytes / events));
            results.put("peer_bytes_per_event_pg", Math.round((double) pgBytes / events));
            results.put("peer_events_stored", events);
            results.put("peer_setup", "PostgreSQL 15 (initdb defaults: fsync on, synchronous_commit on) with Axon "
                    + "JdbcEventStorageEngine, one connection per thread; ours on EmbeddedMongoServer.onFile "
                    + "(DurableH2Backend); same events and serializer; " + STORE_AGGREGATES + " aggregates of "
                    + EVENTS_PER_AGGREGATE + " events plus the append phases");
        } finally {
            deleteQuietly(work);
        }
    }

    private static Path findPostgres() {
        if (Files.isExecutable(PG_BIN.resolve("initdb")) && Files.isExecutable(PG_BIN.resolve("pg_ctl"))) {
            return PG_BIN;
        }
        return null;
    }

    private static JdbcEventStorageEngine jdbcEngine(PostgresCluster pg) throws SQLException {
        ThreadLocal<Connection> perThread = ThreadLocal.withInitial(() -> {
            try {
                return DriverManager.getConnection(pg.url(), "postgres", "");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        // one open connection per thread, handed out with close() made a no-op (as a pool would)
        ConnectionProvider provider = () -> (Connection) Proxy.newProxyInstance(PeerComparison.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> method.getName().equals("close") ? null
                        : invoke(method, perThread.get(), args));
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder().connectionProvider(provider)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(AxonConfiguration.messageSerializer())
                .snapshotSerializer(AxonConfiguration.snapshotSerializer()).batchSize(250).build();
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        return engine;
    }

    private static Object invoke(java.lang.reflect.Method method, Connection target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Single-event commits/s by {@code writers} threads, each on its own aggregates, for a bounded time. */
    private static double appendRate(EventStorageEngine engine, int writers, String prefix) throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(APPEND_SECONDS);
        List<Future<Integer>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            String aggregate = prefix + "-w" + w;
            done.add(pool.submit(() -> {
                int seq = 0;
                while (System.nanoTime() < until && seq < APPEND_MAX_COMMITS / writers) {
                    commit(store, List.of(event(aggregate, seq)));
                    seq++;
                }
                return seq;
            }));
        }
        long commits = 0;
        for (Future<Integer> f : done) {
            commits += f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        store.shutDown();
        return commits / seconds;
    }

    private static void commit(EmbeddedEventStore store, List<EventMessage<?>> events) {
        var unitOfWork = org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(null);
        store.publish(events);
        unitOfWork.commit();
    }

    /** {@value #STORE_AGGREGATES} aggregates of {@value #EVENTS_PER_AGGREGATE} events, 100 events per commit. */
    private static void seed(EventStorageEngine engine) {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int seq = 0; seq < EVENTS_PER_AGGREGATE; seq++) {
            for (int a = 0; a < STORE_AGGREGATES; a++) {
                batch.add(event("agg-" + a, seq));
                if (batch.size() == 100) {
                    commit(store, batch);
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            commit(store, batch);
        }
        store.shutDown();
    }

    private static double loadMedianMillis(EventStorageEngine engine) {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        Random random = new Random(20261207L);
        double[] millis = new double[LOADS];
        for (int i = 0; i < LOADS; i++) {
            String aggregate = "agg-" + random.nextInt(STORE_AGGREGATES);
            long t0 = System.nanoTime();
            long count = store.readEvents(aggregate).asStream().map(EventMessage::getPayload).count();
            millis[i] = (System.nanoTime() - t0) / 1e6;
            if (count != EVENTS_PER_AGGREGATE) {
                throw new IllegalStateException(aggregate + " loaded " + count + " events");
            }
        }
        store.shutDown();
        Arrays.sort(millis);
        return millis[LOADS / 2];
    }

    /** Events/s reading the whole store from the tail, payloads deserialized. */
    private static double streamRate(EventStorageEngine engine) {
        long t0 = System.nanoTime();
        long count;
        try (Stream<? extends EventMessage<?>> stream = engine.readEvents(null, false)) {
            count = stream.map(EventMessage::getPayload).count();
        }
        return count / ((System.nanoTime() - t0) / 1e9);
    }

    private static EventMessage<?> event(String aggregate, long seq) {
        return new GenericDomainEventMessage<>("Deal", aggregate, seq,
                new EventStoreBenchmark.DealBooked(aggregate, "杭州西湖茶叶有限公司 Hangzhou West Lake Tea",
                        "第" + seq + "笔 booking " + seq, Money.of(seq + "00.00", "CNY"), (int) (seq % 7)),
                MetaData.with("actor", "bench.peer").and("correlationId", aggregate + "-" + seq));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: left behind at worst
        }
    }

    /** A PostgreSQL cluster of its own: initdb, pg_ctl start on a free port, pg_ctl stop; as user postgres when root. */
    record PostgresCluster(Path bin, Path dir, int port) implements AutoCloseable {

        static PostgresCluster start(Path bin, Path dir) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Files.createDirectories(dir);
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", dir.getParent().toString()));
                run(List.of("chmod", "755", dir.getParent().toString()));
            }
            PostgresCluster cluster = new PostgresCluster(bin, dir, port);
            cluster.asOwner(bin.resolve("initdb").toString(), "-D", dir.toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8");
            cluster.asOwner(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
            return cluster;
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        }

        long tableBytes() throws SQLException {
            try (Connection c = DriverManager.getConnection(url(), "postgres", "");
                 Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select pg_total_relation_size('domainevententry')")) {
                r.next();
                return r.getLong(1);
            }
        }

        private void asOwner(String... command) throws Exception {
            List<String> full = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(List.of(command));
            run(full);
        }

        private static void run(List<String> command) throws Exception {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        }

        @Override
        public void close() throws Exception {
            asOwner(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-w", "-m", "fast", "stop");
        }
    }
}
