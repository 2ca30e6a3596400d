package dev.kehu.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.command.customer.CustomerCommand.RecordInteraction;
import dev.kehu.command.customer.CustomerCommand.RegisterCustomer;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.query.customer360.Customer360Projection;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.ProjectionGroups;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Read-side benchmark on the whole application (KehuApplication: command side, MongoDB event store,
 * query side) over an embedded mongo-java-server (memory backend):
 * <ol>
 * <li>{@code rebuild_events_per_s}: a seeded history of at least 200k events ({@link SeededHistory}) is
 * projected from scratch into all seven views by the seven read-side tracking processors, configured as in the
 * application, reading from Axon's in-memory storage engine and writing the views to the embedded server over
 * TCP. This measures the projections; how fast the MongoDB event store streams to one processor is
 * {@code stream_events_per_s} in {@code event-store.json};</li>
 * <li>the application then starts on the same database, with the views of the history in place and an empty
 * event store, so queries and fresh commands meet views of realistic size;</li>
 * <li>{@code freshness_p99_ms}: under a steady background load of commands, sampled commands (register a
 * customer, record an interaction) are timed from the command being accepted to the change being visible in
 * the {@code customer_360} document;</li>
 * <li>query p50/p99 over HTTP for the Customer 360 view and the pipeline report.</li>
 * </ol>
 * Not a test: {@code mvn -q -Pbench -DskipTests verify -pl infra -am -Dbench=ViewsBenchmark}; writes
 * {@code bench-results/views.json}. System properties: {@code bench.events} (default 200000),
 * {@code bench.freshness.samples} (300), {@code bench.load.per.s} (20), environment {@code VIEWS_BENCH_BACKEND} ({@code memory}, or
 * {@code durable}: the embedded server on its H2 file, as the application runs it).
 */
public final class ViewsBenchmark {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 200_000);
        int samples = Integer.getInteger("bench.freshness.samples", 300);
        int loadPerSecond = Integer.getInteger("bench.load.per.s", 20);
        long started = System.nanoTime();
        Map<String, Object> results = new LinkedHashMap<>();

        results.put("load_average_at_start", loadAverage());
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("views-bench");
        ConfigurableApplicationContext app = null;
        boolean durable = "durable".equals(System.getenv().getOrDefault("VIEWS_BENCH_BACKEND", "memory"));
        try (EmbeddedMongoServer server = durable ? EmbeddedMongoServer.onFile(dir.resolve("mongodb"), 0) : EmbeddedMongoServer.inMemory();
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("kehu");
            long t0 = System.nanoTime();
            SeededHistory history = SeededHistory.generate(20261122L, events, TODAY);
            System.out.printf(Locale.ROOT, "generated %d events (%d customers, %d opportunities) in %.1f s%n",
                    history.events().size(), history.customerIds().size(), history.opportunityIds().size(), (System.nanoTime() - t0) / 1e9);
            results.put("events", history.events().size());
            results.put("customers", history.customerIds().size());
            results.put("opportunities", history.opportunityIds().size());
            ViewsRebuild rebuild = new ViewsRebuild(client.getDatabase("history"), database);
            rebuild.seed(history, results);
            rebuild.streamOnly(results);
            double rebuildSeconds = rebuild.rebuildAll(history.events().size(), results);
            double insertSeconds = rebuild.rawInsertOfTheViews(results);
            results.put("rebuild_ratio", Math.round(insertSeconds / rebuildSeconds * 100) / 100.0);
            System.out.printf(Locale.ROOT, "rebuild_ratio (raw insert time / rebuild time): %.2f%n", insertSeconds / rebuildSeconds);

            app = ViewsRebuild.application(server.connectionString());
            int httpPort = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            AtomicBoolean stopRebuild = new AtomicBoolean();
            java.util.concurrent.atomic.AtomicLong rebuilt = new java.util.concurrent.atomic.AtomicLong();
            long rebuildStarted = System.nanoTime();
            Thread background = rebuild.rebuildInBackground(ProjectionGroups.WORKLIST, stopRebuild, rebuilt, 20);
            freshness(app.getBean(CommandGateway.class), database, samples, loadPerSecond, history, results);
            stopRebuild.set(true);
            background.join(60_000);
            results.put("freshness_while_rebuilding", ProjectionGroups.WORKLIST);
            results.put("freshness_background_rebuild_events_per_s", round(rebuilt.get() / ((System.nanoTime() - rebuildStarted) / 1e9)));
            authorization = dev.kehu.infra.security.TestUsers.basic(app, "bench-reader", dev.kehu.infra.security.Role.MANAGER);
            queries(httpPort, history, results);
        } finally {
            if (app != null) {
                app.close();
            }
        }
        try (var files = java.nio.file.Files.walk(dir)) { // the H2 file of a durable run is gigabytes
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        results.put("load_average_at_end", loadAverage());
        results.put("date", LocalDate.now().toString());
        results.put("backend", "embedded server (mongo-java-server 1.47.0 on " + (durable ? "DurableH2Backend, a file in a temp directory"
                : "its memory backend") + ") over TCP; "
                + "rebuild streamed from the MongoDB event store (MongoEventStorageEngine, database 'history') into the views "
                + "(database 'kehu') in batch mode, chunks of " + ViewsRebuild.CHUNK + " events; freshness and queries through "
                + "KehuApplication (its own, empty event store in 'kehu') while the worklist view is rebuilt from the history again and again");
        results.put("cpus", Runtime.getRuntime().availableProcessors());
        results.put("runtime_seconds", round((System.nanoTime() - started) / 1e9));
        BenchResults.write("views.json", results);
        System.exit(0);
    }

    private static void freshness(CommandGateway commands, MongoDatabase database, int samples, int loadPerSecond,
                                  SeededHistory history, Map<String, Object> results) throws Exception {
        var views = database.getCollection(Customer360Projection.COLLECTION);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger loadCommands = new AtomicInteger();
        AtomicInteger loadFailures = new AtomicInteger();
        Thread load = new Thread(() -> {
            int n = 0;
            long interval = 1_000_000_000L / loadPerSecond;
            long next = System.nanoTime();
            while (running.get()) {
                String customerId = "bench-load-" + (n % 50);
                try {
                    if (n < 50) {
                        commands.sendAndWait(register(customerId, n));
                    } else {
                        commands.sendAndWait(interaction(customerId, "load-" + n));
                    }
                    loadCommands.incrementAndGet();
                } catch (RuntimeException e) {
                    loadFailures.incrementAndGet();
                }
                n++;
                next += interval;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "bench-load");
        load.start();
        Thread.sleep(3_000);
        List<Double> latencies = new ArrayList<>();
        long loadStarted = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            String customerId = "bench-fresh-" + (i / 2);
            long accepted;
            if (i % 2 == 0) {
                commands.sendAndWait(register(customerId, 10_000 + i));
                accepted = System.nanoTime();
                while (views.find(Filters.eq("_id", customerId)).first() == null) {
                    Thread.onSpinWait();
                    Thread.sleep(0, 200_000);
                }
            } else {
                commands.sendAndWait(interaction(customerId, "fresh-" + i));
                accepted = System.nanoTime();
                while (true) {
                    Document view = views.find(Filters.eq("_id", customerId)).first();
                    if (view != null && view.getInteger("interactionCount", 0) > 0) {
                        break;
                    }
                    Thread.sleep(0, 200_000);
                }
            }
            latencies.add((System.nanoTime() - accepted) / 1e6);
            Thread.sleep(20);
        }
        running.set(false);
        load.join();
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        Collections.sort(latencies);
        results.put("freshness_p50_ms", round(percentile(latencies, 50)));
        results.put("freshness_p99_ms", round(percentile(latencies, 99)));
        results.put("freshness_max_ms", round(latencies.get(latencies.size() - 1)));
        results.put("freshness_samples", latencies.size());
        results.put("freshness_background_commands_per_s", round(loadCommands.get() / (loadSeconds + 3)));
        results.put("freshness_background_failures", loadFailures.get());
        System.out.printf(Locale.ROOT, "freshness (command accepted -> visible in customer_360): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(latencies, 50), percentile(latencies, 99), latencies.get(latencies.size() - 1));
    }

    private static void queries(int port, SeededHistory history, Map<String, Object> results) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Random random = new Random(5);
        List<String> customers = history.customerIds();
        for (int i = 0; i < 50; i++) {
            get(http, port, "/api/customers/" + customers.get(random.nextInt(customers.size())) + "/360");
        }
        List<Double> view360 = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            long t0 = System.nanoTime();
            int status = get(http, port, "/api/customers/" + customers.get(random.nextInt(customers.size())) + "/360");
            view360.add((System.nanoTime() - t0) / 1e6);
            if (status != 200) {
                throw new IllegalStateException("360 answered " + status);
            }
        }
        get(http, port, "/api/pipeline");
        List<Double> pipeline = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long t0 = System.nanoTime();
            String owner = i % 2 == 0 ? "" : "?owner=" + SeededHistory.MANAGERS.get(i % SeededHistory.MANAGERS.size());
            int status = get(http, port, "/api/pipeline" + owner);
            pipeline.add((System.nanoTime() - t0) / 1e6);
            if (status != 200) {
                throw new IllegalStateException("pipeline answered " + status);
            }
        }
        Collections.sort(view360);
        Collections.sort(pipeline);
        results.put("query_360_p50_ms", round(percentile(view360, 50)));
        results.put("query_360_p99_ms", round(percentile(view360, 99)));
        results.put("query_pipeline_p50_ms", round(percentile(pipeline, 50)));
        results.put("query_pipeline_p99_ms", round(percentile(pipeline, 99)));
        results.put("query_pipeline_samples", pipeline.size());
        System.out.printf(Locale.ROOT, "360: p50 %.1f ms, p99 %.1f ms; pipeline: p50 %.1f ms, p99 %.1f ms%n",
                percentile(view360, 50), percentile(view360, 99), percentile(pipeline, 50), percentile(pipeline, 99));
    }

    private static String authorization;

    private static int get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static RegisterCustomer register(String customerId, int n) {
        return new RegisterCustomer(customerId, CustomerKind.INDIVIDUAL, new CustomerProfile("测试客户" + n, "Bench Customer " + n, null,
                Phone.of("139" + String.format("%08d", n)), "bench" + n + "@example.com", "零售", "北京办事处", "single",
                "网站 website", List.of(), List.of(), Map.of(), null));
    }

    private static RecordInteraction interaction(String customerId, String interactionId) {
        return new RecordInteraction(customerId, interactionId, InteractionChannel.CALL, null, TODAY, "电话回访 called back", null, null, null);
    }

    /** The machine's 1, 5 and 15 minute load averages (Linux), to read the figures beside. */
    static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
