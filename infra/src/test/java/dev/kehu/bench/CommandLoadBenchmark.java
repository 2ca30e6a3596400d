package dev.kehu.bench;

import dev.kehu.KehuApplication;
import dev.kehu.infra.security.Role;
import dev.kehu.infra.security.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * HTTP load on the embedded default application (not a test):
 * {@code mvn -q -Pbench -DskipTests verify -pl infra -am -Dbench=CommandLoadBenchmark} prints the figures and
 * writes {@code bench-results/load.json}.
 *
 * <p>{@link KehuApplication} as users run it: the MongoDB-wire server on its durable H2 file in a fresh data
 * directory, the shared Elasticsearch node, HTTP Basic as a MANAGER. {@value #CUSTOMERS} customers are registered
 * and given interactions until each has about 20 events (a seeded generator picks names, channels and outcomes);
 * then interactions on random customers are timed at concurrency 4 and 16; the customers are grown to about 50
 * events and the same is timed again; last, registrations at 4 and 16. Each timed window stops after
 * {@value #WINDOW_SECONDS} s or {@value #WINDOW_MAX_REQUESTS} requests, whichever comes first; any answer but 201
 * fails the run.
 *
 * <p>Keys: {@code register_per_s} and {@code interaction_per_s} (the better of concurrency 4 and 16; interactions on
 * the ~50-event customers), {@code command_p99_ms} (all timed commands), and every window's rate and p99.
 */
public final class CommandLoadBenchmark {

    static final int CUSTOMERS = 64;
    static final int WINDOW_SECONDS = 8;
    static final int WINDOW_MAX_REQUESTS = 6_000;
    static final int SEED_THREADS = 8;
    static final long SEED = 20261207L;

    private static final String[] CHANNELS = {"CALL", "EMAIL", "VISIT", "MEETING", "MESSAGE"};
    private static final String[] OUTCOMES = {"回访 follow-up call", "报价已发送 quote sent", "客户要求演示 demo requested",
            "合同审核中 contract in review", "付款确认 payment confirmed"};
    private static final String[] NAMES = {"上海华东贸易", "杭州西湖茶叶", "苏州工业园区电子", "南京紫金山软件", "成都天府物流",
            "Shenzhen Harbour Tech", "Qingdao Ocean Foods"};

    private final String base;
    private final String manager;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> customers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger registrations = new AtomicInteger();
    private final Random random = new Random(SEED);

    private CommandLoadBenchmark(String base, String manager) {
        this.base = base;
        this.manager = manager;
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Path dataDir = Files.createTempDirectory("kehu-load");
        ConfigurableApplicationContext app = BenchApplication.start(new Class<?>[] {KehuApplication.class},
                "kehu.data-dir=" + dataDir, "kehu.mongodb.uri=");
        CommandLoadBenchmark bench = new CommandLoadBenchmark(BenchApplication.baseUrl(app),
                TestUsers.basic(app, "bench.load.manager", Role.MANAGER));
        Map<String, Object> results = new LinkedHashMap<>();
        try {
            bench.run(results);
        } catch (Exception | Error e) {
            e.printStackTrace();
            app.close();
            deleteQuietly(dataDir);
            System.exit(1); // the application's threads would keep the JVM alive
        } finally {
            app.close();
            deleteQuietly(dataDir);
        }
        results.put("customers", CUSTOMERS);
        results.put("window_seconds", WINDOW_SECONDS);
        results.put("store", "embedded default: mongo-java-server on DurableH2Backend (file, durable acknowledgement)");
        results.put("date", LocalDate.now().toString());
        results.put("load_average", Files.readString(Path.of("/proc/loadavg")).trim());
        results.put("runtime_seconds", round((System.nanoTime() - started) / 1e9));
        BenchResults.write("load.json", results);
        System.exit(0);
    }

    private void run(Map<String, Object> results) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        // customers with ~20 events: a registration and 19 interactions each
        parallel(CUSTOMERS, SEED_THREADS, i -> register());
        grow(19);
        Window[] at20 = {timed(4, i -> interaction()), timed(16, i -> interaction())};
        record(results, "interaction", "_at_20_events", at20, latencies);
        grow(50 - eventsPerCustomer());
        Window[] at50 = {timed(4, i -> interaction()), timed(16, i -> interaction())};
        record(results, "interaction", "_at_50_events", at50, latencies);
        Window[] register = {timed(4, i -> register()), timed(16, i -> register())};
        record(results, "register", "", register, latencies);

        results.put("register_per_s", round(Math.max(register[0].perSecond(), register[1].perSecond())));
        results.put("interaction_per_s", round(Math.max(at50[0].perSecond(), at50[1].perSecond())));
        results.put("command_p99_ms", round(percentile(latencies, 0.99)));
        results.put("interaction_rate_50_over_20", round(Math.max(at50[0].perSecond(), at50[1].perSecond())
                / Math.max(at20[0].perSecond(), at20[1].perSecond())));
        results.put("events_per_customer_at_end", eventsPerCustomer());
    }

    /** Interactions on every customer, round by round, until each has had {@code rounds} more. */
    private void grow(int rounds) throws Exception {
        if (rounds <= 0) {
            return;
        }
        List<String> existing = List.copyOf(customers.subList(0, CUSTOMERS));
        parallel(rounds * CUSTOMERS, SEED_THREADS, i -> interactionOn(existing.get(i % CUSTOMERS)));
    }

    private final AtomicInteger interactions = new AtomicInteger();

    private int eventsPerCustomer() {
        return 1 + interactions.get() / CUSTOMERS;
    }

    private void record(Map<String, Object> results, String kind, String suffix, Window[] windows, List<Double> all) {
        int[] concurrency = {4, 16};
        for (int i = 0; i < windows.length; i++) {
            String key = kind + "_per_s_c" + concurrency[i] + suffix;
            results.put(key, round(windows[i].perSecond()));
            results.put(kind + "_p99_ms_c" + concurrency[i] + suffix, round(percentile(windows[i].latencies, 0.99)));
            all.addAll(windows[i].latencies);
            System.out.printf(Locale.ROOT, "%s: %.0f/s, p50 %.1f ms, p99 %.1f ms (%d requests)%n", key,
                    windows[i].perSecond(), percentile(windows[i].latencies, 0.5), percentile(windows[i].latencies, 0.99),
                    windows[i].latencies.size());
        }
    }

    record Window(List<Double> latencies, long nanos) {
        double perSecond() {
            return latencies.size() / (nanos / 1e9);
        }
    }

    /** Requests from {@code threads} threads for {@value #WINDOW_SECONDS} s or {@value #WINDOW_MAX_REQUESTS} requests. */
    private Window timed(int threads, IntFunction<HttpRequest> request) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger issued = new AtomicInteger();
        long until = System.nanoTime() + Duration.ofSeconds(WINDOW_SECONDS).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while (System.nanoTime() < until && (i = issued.getAndIncrement()) < WINDOW_MAX_REQUESTS) {
                    HttpRequest next = request.apply(i);
                    long start = System.nanoTime();
                    send(next);
                    latencies.add((System.nanoTime() - start) / 1e6);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        long nanos = System.nanoTime() - t0;
        pool.shutdown();
        return new Window(latencies, nanos);
    }

    private void parallel(int count, int threads, IntFunction<HttpRequest> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    send(request.apply(i));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
    }

    private HttpRequest register() {
        int n = registrations.getAndIncrement();
        String name;
        synchronized (random) {
            name = NAMES[random.nextInt(NAMES.length)];
        }
        return post("/api/customers", "{\"kind\":\"COMPANY\",\"chineseName\":\"" + name + " 第" + n + "分公司\","
                + "\"latinName\":\"Load Branch " + n + " Co.\",\"creditCode\":\""
                + String.format(Locale.ROOT, "91320000MA2L%06d", n) + "\",\"region\":\"华东\"}");
    }

    private HttpRequest interaction() {
        int index;
        synchronized (random) {
            index = random.nextInt(CUSTOMERS);
        }
        return interactionOn(customers.get(index));
    }

    private HttpRequest interactionOn(String customer) {
        String channel;
        String outcome;
        synchronized (random) {
            channel = CHANNELS[random.nextInt(CHANNELS.length)];
            outcome = OUTCOMES[random.nextInt(OUTCOMES.length)];
        }
        interactions.incrementAndGet();
        return post("/api/customers/" + customer + "/interactions",
                "{\"channel\":\"" + channel + "\",\"occurredOn\":\"2026-11-20\",\"outcome\":\"" + outcome + "\"}");
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Authorization", manager)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private void send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 201) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " -> " + response.statusCode()
                    + " " + response.body());
        }
        if (request.uri().getPath().equals("/api/customers")) {
            String body = response.body();
            int at = body.indexOf("\"id\":\"");
            customers.add(body.substring(at + 6, body.indexOf('"', at + 6)));
        }
    }

    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory: left behind at worst
        }
    }

    private static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        sorted.sort(Comparator.naturalOrder());
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
