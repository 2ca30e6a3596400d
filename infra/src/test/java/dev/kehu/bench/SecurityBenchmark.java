package dev.kehu.bench;

import dev.kehu.KehuApplication;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.security.KehuAuthentication;
import dev.kehu.infra.security.KehuPrincipal;
import dev.kehu.infra.security.Role;
import dev.kehu.infra.security.TestUsers;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * {@code command_ratio} and {@code search_ratio}: requests per second of one command ({@code POST
 * /api/customers/{id}/interactions}) and one search ({@code GET /api/search/customers?q=…}) with security on ÷
 * the same with security off, in the same run, on the same application and data. Not a test:
 * {@code mvn -q -Pbench -DskipTests verify -pl infra -am -Dbench=SecurityBenchmark} prints the figures and writes
 * {@code bench-results/security.json}.
 *
 * <p>On: HTTP Basic as a SALES user who manages the customers (the whole filter chain: back-off check, Basic
 * sign-in through the credential cache, the role rules, the security headers, and the aggregate's owner check).
 * Off: requests carrying the benchmark's marker header go through a one-filter chain of this benchmark only
 * ({@link SecurityOff}, never in the application) that sets a fixed MANAGER principal (the command side needs an
 * actor) and checks nothing. The application is {@link KehuApplication} on an in-memory MongoDB-wire server and
 * the shared Elasticsearch node; {@value #THREADS} client threads; on and off windows alternate
 * ({@value #ROUNDS} of {@value #WINDOW_SECONDS} s each, after a warm-up of each), so that load from elsewhere
 * on the machine falls on both alike. Also measured: one bcrypt check, the cost the credential cache saves.
 */
public final class SecurityBenchmark {

    static final int THREADS = 4;
    static final int ROUNDS = 3;
    static final int WINDOW_SECONDS = 6;
    static final int WARM_UP_SECONDS = 5;
    static final int CUSTOMERS = 200;
    static final String OFF_HEADER = "X-Bench-Security";
    static final String SALES = "bench.sales";

    private SecurityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory();
        ConfigurableApplicationContext app = BenchApplication.start(
                new Class<?>[] {KehuApplication.class, SecurityOff.class}, "kehu.mongodb.uri=" + mongo.connectionString());
        String base = BenchApplication.baseUrl(app);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String sales = TestUsers.basic(app, SALES, Role.SALES);
        String manager = TestUsers.basic(app, "bench.manager", Role.MANAGER);

        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String id = json(http, post(base + "/api/customers", manager, "{\"kind\":\"COMPANY\",\"chineseName\":\"" + NAMES[i % NAMES.length]
                    + " 第" + i + "分公司\",\"latinName\":\"Branch " + i + " Trading Co.\",\"creditCode\":\"" + creditCode(i)
                    + "\",\"region\":\"华东\"}"), "\"id\":\"");
            send(http, put(base + "/api/customers/" + id + "/account-manager", manager, "{\"accountManager\":\"" + SALES + "\"}"), 200);
            customers.add(id);
        }
        // the search index catches up asynchronously: wait until it finds them
        long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < waitUntil) {
            HttpResponse<String> found = http.send(get(base + "/api/search/customers?q=" + URLEncoder.encode("分公司",
                    StandardCharsets.UTF_8), sales, false), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (found.statusCode() == 200 && found.body().contains("\"total\":" + CUSTOMERS)) {
                break;
            }
            Thread.sleep(500); // 503 while the index is being created and the circuit is open
        }

        AtomicInteger next = new AtomicInteger();
        IntFunction<HttpRequest> command = on -> {
            String id = customers.get(Math.floorMod(next.getAndIncrement(), CUSTOMERS));
            return post(base + "/api/customers/" + id + "/interactions", on == 1 ? sales : null,
                    "{\"channel\":\"CALL\",\"occurredOn\":\"2026-11-20\",\"outcome\":\"回访 follow-up call\"}");
        };
        String[] queries = {"分公司", "trading", "Branch 17", "华东", "fen gong si"};
        IntFunction<HttpRequest> search = on -> get(base + "/api/search/customers?size=10&q="
                + URLEncoder.encode(queries[Math.floorMod(next.getAndIncrement(), queries.length)], StandardCharsets.UTF_8),
                on == 1 ? sales : null, on != 1);

        double[] commandRates = alternate(http, command, 201);
        double[] searchRates = alternate(http, search, 200);

        PasswordEncoder encoder = app.getBean(PasswordEncoder.class);
        String hash = encoder.encode("a password of twenty chars");
        encoder.matches("a password of twenty chars", hash);
        long t0 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            encoder.matches("a password of twenty chars", hash);
        }
        double bcryptMs = (System.nanoTime() - t0) / 10 / 1e6;

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("command_ratio", round(commandRates[0] / commandRates[1]));
        results.put("search_ratio", round(searchRates[0] / searchRates[1]));
        results.put("command_per_s_security_on", round(commandRates[0]));
        results.put("command_per_s_security_off", round(commandRates[1]));
        results.put("search_per_s_security_on", round(searchRates[0]));
        results.put("search_per_s_security_off", round(searchRates[1]));
        results.put("bcrypt_check_ms", round(bcryptMs));
        results.put("threads", THREADS);
        results.put("timed_windows_per_side", ROUNDS);
        results.put("window_seconds", WINDOW_SECONDS);
        results.put("date", LocalDate.now().toString());
        results.put("sign_in", "HTTP Basic, SALES user, credential cache (kehu.security.credential-cache-ttl 60s)");
        results.put("runtime_seconds", round((System.nanoTime() - started) / 1e9));
        StringBuilder out = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> entry : results.entrySet()) {
            Object value = entry.getValue();
            out.append("  \"").append(entry.getKey()).append("\": ")
                    .append(value instanceof String ? "\"" + value + "\"" : String.valueOf(value))
                    .append(++i < results.size() ? ",\n" : "\n");
        }
        out.append("}\n");
        Path file = Path.of("bench-results", "security.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out, StandardCharsets.UTF_8);
        System.out.print(out);
        app.close();
        mongo.close();
        System.exit(0);
    }

    /** Requests/s with security on ([0]) and off ([1]): a warm-up of each, then alternating timed windows. */
    private static double[] alternate(HttpClient http, IntFunction<HttpRequest> request, int expected) throws Exception {
        run(http, request, 1, expected, WARM_UP_SECONDS);
        run(http, request, 0, expected, WARM_UP_SECONDS);
        long[] count = new long[2];
        long[] nanos = new long[2];
        for (int round = 0; round < ROUNDS; round++) {
            for (int side : round % 2 == 0 ? new int[]{1, 0} : new int[]{0, 1}) {
                long t0 = System.nanoTime();
                count[side == 1 ? 0 : 1] += run(http, request, side, expected, WINDOW_SECONDS);
                nanos[side == 1 ? 0 : 1] += System.nanoTime() - t0;
            }
            System.out.printf(Locale.ROOT, "round %d: on %.0f/s, off %.0f/s%n", round + 1,
                    count[0] / (nanos[0] / 1e9), count[1] / (nanos[1] / 1e9));
        }
        return new double[]{count[0] / (nanos[0] / 1e9), count[1] / (nanos[1] / 1e9)};
    }

    /** Requests answered with {@code expected} by {@value #THREADS} threads in {@code seconds}; anything else fails the run. */
    private static long run(HttpClient http, IntFunction<HttpRequest> request, int on, int expected, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<Long>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                long done = 0;
                while (System.nanoTime() < until) {
                    send(http, request.apply(on), expected);
                    done++;
                }
                return done;
            }));
        }
        long total = 0;
        for (Future<Long> worker : workers) {
            total += worker.get();
        }
        pool.shutdown();
        return total;
    }

    private static HttpRequest post(String url, String authorization, String json) {
        return body("POST", url, authorization, json);
    }

    private static HttpRequest put(String url, String authorization, String json) {
        return body("PUT", url, authorization, json);
    }

    private static HttpRequest body(String method, String url, String authorization, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return signed(request, authorization).build();
    }

    private static HttpRequest get(String url, String authorization, boolean off) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        return (off && authorization == null ? signed(request, null) : signed(request, authorization)).build();
    }

    private static HttpRequest.Builder signed(HttpRequest.Builder request, String authorization) {
        return authorization == null ? request.header(OFF_HEADER, "off") : request.header("Authorization", authorization);
    }

    private static String send(HttpClient http, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String json(HttpClient http, HttpRequest request, String marker) throws Exception {
        String body = send(http, request, request.method().equals("GET") ? 200 : 201);
        int at = body.indexOf(marker);
        if (at < 0) {
            return "";
        }
        int start = at + marker.length();
        int end = start;
        while (end < body.length() && body.charAt(end) != '"' && body.charAt(end) != ',' && body.charAt(end) != '}') {
            end++;
        }
        return body.substring(start, end);
    }

    private static final String[] NAMES = {"上海华东贸易有限公司", "杭州西湖茶叶有限公司", "苏州工业园区电子有限公司", "南京紫金山软件有限公司"};

    private static String creditCode(int i) {
        return String.format(Locale.ROOT, "91310000MA1K%06d", i);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * Security off, for this benchmark only: requests with the marker header skip sign-in and authorization and act
     * as a fixed MANAGER. Ordered before the application's chain, which handles every other request.
     */
    @Configuration(proxyBeanMethods = false)
    static class SecurityOff {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityFilterChain securityOff(HttpSecurity http) throws Exception {
            KehuAuthentication fixed = new KehuAuthentication(new KehuPrincipal("bench.manager", "bench manager",
                    Set.of(Role.MANAGER, Role.SALES), false));
            Filter actAsFixed = (request, response, chain) -> {
                SecurityContextHolder.getContext().setAuthentication(fixed);
                try {
                    chain.doFilter(request, response);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            };
            return http.securityMatcher(request -> "off".equals(request.getHeader(OFF_HEADER)))
                    .csrf(c -> c.disable()).headers(h -> h.disable()).requestCache(r -> r.disable())
                    .anonymous(a -> a.disable()).logout(l -> l.disable())
                    .addFilterAfter(actAsFixed, SecurityContextHolderFilter.class)
                    .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                    .build();
        }
    }
}
