package dev.kehu.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.kehu.KehuApplication;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.query.history.SeededHistory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every read-side view endpoint at two sizes of the same seeded history, to see whether a request's cost grows with
 * the data (issue 17). For each size: a {@link SeededHistory} is appended to a MongoDB event store, the seven views
 * are built from it by the projections themselves (a rebuild pass, {@link ViewsRebuild}), and the application
 * ({@link KehuApplication}) starts on those views; then each endpoint is asked over HTTP, one request at a time,
 * until it has {@code bench.samples} answers (default 200) or {@code bench.endpoint.seconds} (default 15) passed.
 * <p>
 * {@code bench-results/views-scale.json}: {@code endpoints.<name>} has {@code p50_ms}, {@code p99_ms} (large),
 * {@code p99_small_ms} (a tenth of the events) and {@code flat_ratio} = p99 ÷ p99_small, with the sample counts;
 * the sizes (events, customers, opportunities) of both runs are beside it. Targets: p99 &lt; 50 ms, ratio ≤ 1.5.
 * <p>
 * Not a test: {@code ./mvnw -q -Pbench -DskipTests verify -pl infra -am -Dbench=ViewsAtScaleBenchmark}. System
 * properties: {@code bench.events} (large history, default 200000 events; the small one has a tenth),
 * {@code bench.samples}, {@code bench.endpoint.seconds}, {@code bench.backend} ({@link Server}).
 */
public final class ViewsAtScaleBenchmark {

    /** One endpoint: its name in the results and the path of its i-th request. */
    record Endpoint(String name, IntFunction<String> path) {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 200_000);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", LocalDate.now().toString());
        results.put("load_average_at_start", ViewsBenchmark.loadAverage());
        long started = System.nanoTime();
        Map<String, Object> small = new LinkedHashMap<>();
        Map<String, List<Double>> smallLatencies = run(events / 10, small);
        Map<String, Object> large = new LinkedHashMap<>();
        Map<String, List<Double>> largeLatencies = run(events, large);
        results.put("large", large);
        results.put("small", small);
        Map<String, Object> endpoints = new LinkedHashMap<>();
        List<String> missed = new ArrayList<>();
        largeLatencies.forEach((name, latencies) -> {
            List<Double> smallOnes = smallLatencies.get(name);
            double p99 = ViewsBenchmark.percentile(latencies, 99);
            double p99Small = ViewsBenchmark.percentile(smallOnes, 99);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("p50_ms", ViewsBenchmark.round(ViewsBenchmark.percentile(latencies, 50)));
            figures.put("p99_ms", ViewsBenchmark.round(p99));
            figures.put("p50_small_ms", ViewsBenchmark.round(ViewsBenchmark.percentile(smallOnes, 50)));
            figures.put("p99_small_ms", ViewsBenchmark.round(p99Small));
            figures.put("flat_ratio", Math.round(p99 / p99Small * 100) / 100.0);
            figures.put("samples", latencies.size());
            figures.put("samples_small", smallOnes.size());
            endpoints.put(name, figures);
            if (p99 >= 50 || p99 / p99Small > 1.5) {
                missed.add(name);
            }
            System.out.printf(Locale.ROOT, "%-32s p50 %7.1f ms  p99 %7.1f ms  p99 small %7.1f ms  ratio %5.2f%n",
                    name, ViewsBenchmark.percentile(latencies, 50), p99, p99Small, p99 / p99Small);
        });
        results.put("endpoints", endpoints);
        results.put("targets", "p99 < 50 ms and flat_ratio <= 1.5 for every endpoint");
        results.put("endpoints_missing_a_target", missed);
        results.put("load_average_at_end", ViewsBenchmark.loadAverage());
        results.put("cpus", Runtime.getRuntime().availableProcessors());
        results.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        results.put("backend", "embedded server (mongo-java-server 1.47.0, " + Server.DESCRIPTION + ") over TCP; views built by a rebuild "
                + "pass of the projections from the MongoDB event store; requests one at a time over HTTP to KehuApplication");
        results.put("runtime_seconds", ViewsBenchmark.round((System.nanoTime() - started) / 1e9));
        // nested objects (endpoints, sizes): written by Jackson, not BenchResults' flat writer
        java.nio.file.Path out = java.nio.file.Path.of("bench-results", "views-scale.json");
        java.nio.file.Files.createDirectories(out.getParent());
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results);
        java.nio.file.Files.writeString(out, json + "\n");
        System.out.println(json);
        System.exit(0);
    }

    /** Builds the views of a history of {@code events} and times every endpoint against them. */
    private static Map<String, List<Double>> run(int events, Map<String, Object> size) throws Exception {
        try (Server server = new Server();
             MongoClient client = MongoClients.create(server.connectionString())) {
            SeededHistory history = ViewsBenchmark.history(20261207L, events, size);
            ViewsRebuild rebuild = new ViewsRebuild(client.getDatabase("history"), client.getDatabase("kehu"));
            rebuild.seed(history, size);
            rebuild.rebuildAll(history.events().size(), size);
            ConfigurableApplicationContext app = ViewsBenchmark.application(server.connectionString());
            try {
                int port = ViewsBenchmark.port(app);
                String authorization = dev.kehu.infra.security.TestUsers.basic(app, "bench-reader", dev.kehu.infra.security.Role.MANAGER);
                return measure(port, authorization, history);
            } finally {
                app.close();
            }
        }
    }

    /**
     * The embedded server the application runs on by default, its store ({@code StoreBackend}: the {@code _id} ranges
     * and unique keys it serves from its maps) on an in-memory MVStore, so the figures are the store's query paths
     * without the disk syncs of durable replies; {@code -Dbench.backend=memory}: mongo-java-server's memory backend,
     * which serves only {@code _id} equality and {@code $in} from an index (the runs before issue 17's keys).
     */
    static final class Server implements AutoCloseable {

        static final String DESCRIPTION = "memory".equals(System.getProperty("bench.backend"))
                ? "memory backend" : "Kehu's store backend on an in-memory MVStore, no disk syncs";
        private final EmbeddedMongoServer memory;
        private final de.bwaldvogel.mongo.MongoServer store;

        Server() {
            if ("memory".equals(System.getProperty("bench.backend"))) {
                memory = EmbeddedMongoServer.inMemory();
                store = null;
            } else {
                memory = null;
                store = new de.bwaldvogel.mongo.MongoServer(new dev.kehu.infra.embedded.store.StoreBackend(new org.h2.mvstore.MVStore.Builder().open()));
                store.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            }
        }

        String connectionString() {
            return memory != null ? memory.connectionString()
                    : "mongodb://127.0.0.1:" + store.getLocalAddress().getPort();
        }

        @Override
        public void close() {
            if (memory != null) {
                memory.close();
            } else {
                store.shutdownNow();
            }
        }
    }

    static List<Endpoint> endpoints(SeededHistory history) {
        Random random = new Random(17);
        List<String> customers = history.customerIds();
        List<String> opportunities = history.opportunityIds();
        List<String> managers = SeededHistory.MANAGERS;
        List<String> regions = SeededHistory.REGIONS.stream().map(ViewsAtScaleBenchmark::enc).toList();
        List<String> engineers = SeededHistory.ENGINEERS.stream().map(ViewsAtScaleBenchmark::enc).toList();
        List<String> requests = history.events().stream().map(e -> e.getPayload())
                .filter(p -> p instanceof dev.kehu.events.customer.servicerequest.ServiceRequestReported)
                .map(p -> ((dev.kehu.events.customer.servicerequest.ServiceRequestReported) p).requestId()).toList();
        return List.of(
                new Endpoint("customer_360", i -> "/api/customers/" + customers.get(random.nextInt(customers.size())) + "/360"),
                new Endpoint("customer_list_name", i -> "/api/customers?sort=name"),
                new Endpoint("customer_list_last_interaction", i -> "/api/customers?sort=-lastInteraction"),
                new Endpoint("customer_list_spend12m", i -> "/api/customers?sort=-spend12m"),
                new Endpoint("worklist", i -> "/api/worklists/" + managers.get(i % managers.size())),
                new Endpoint("pipeline", i -> "/api/pipeline"),
                new Endpoint("pipeline_by_owner", i -> "/api/pipeline?owner=" + managers.get(i % managers.size())),
                new Endpoint("rfm", i -> "/api/value/rfm"),
                new Endpoint("key_accounts", i -> "/api/value/key-accounts"),
                new Endpoint("churn", i -> "/api/risk/churn"),
                new Endpoint("credit_exposure", i -> "/api/risk/credit-exposure"),
                new Endpoint("overdue_invoices", i -> "/api/risk/overdue-invoices"),
                new Endpoint("service", i -> "/api/service"),
                new Endpoint("opportunity_detail", i -> "/api/opportunities/" + opportunities.get(random.nextInt(opportunities.size()))),
                new Endpoint("opportunity_list", i -> "/api/opportunities"),
                new Endpoint("opportunity_list_by_owner_amount", i -> "/api/opportunities?sort=-amount&owner=" + managers.get(i % managers.size())),
                new Endpoint("service_request", i -> "/api/service/requests/" + requests.get(random.nextInt(requests.size()))),
                new Endpoint("service_schedule_week", i -> "/api/service/requests/schedule?from=2026-11-14&to=2026-11-20&engineer="
                        + engineers.get(i % engineers.size())),
                new Endpoint("service_requests_open", i -> "/api/service/requests/open"),
                new Endpoint("service_requests_performance", i -> "/api/service/requests/performance"),
                new Endpoint("receivables", i -> "/api/receivables"),
                new Endpoint("receivables_by_region", i -> "/api/receivables?region=" + regions.get(i % regions.size())),
                new Endpoint("receivables_customer", i -> "/api/receivables/customers/" + customers.get(random.nextInt(customers.size()))));
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, List<Double>> measure(int port, String authorization, SeededHistory history) throws Exception {
        int samples = Integer.getInteger("bench.samples", 200);
        long budget = (long) (Double.parseDouble(System.getProperty("bench.endpoint.seconds", "15")) * 1e9);
        HttpClient http = HttpClient.newHttpClient();
        Map<String, List<Double>> latencies = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints(history)) {
            for (int i = 0; i < 5; i++) { // warm-up, not counted
                get(http, port, authorization, endpoint.path().apply(i));
            }
            List<Double> times = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < samples && (times.size() < 20 || System.nanoTime() - start < budget); i++) {
                String path = endpoint.path().apply(i);
                long t0 = System.nanoTime();
                int status = get(http, port, authorization, path);
                times.add((System.nanoTime() - t0) / 1e6);
                if (status != 200) {
                    throw new IllegalStateException(path + " answered " + status);
                }
            }
            Collections.sort(times);
            latencies.put(endpoint.name(), times);
            System.out.printf(Locale.ROOT, "  %-32s %4d samples, p50 %.1f ms, p99 %.1f ms%n", endpoint.name(), times.size(),
                    ViewsBenchmark.percentile(times, 50), ViewsBenchmark.percentile(times, 99));
        }
        return latencies;
    }

    private static int get(HttpClient http, int port, String authorization, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", authorization)
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
