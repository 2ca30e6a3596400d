package dev.kehu.bench;

import dev.kehu.KehuApplication;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.infra.security.Role;
import dev.kehu.infra.security.TestUsers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV import and export on the embedded default application (not a test): {@value #ROWS} customers (the limit of
 * Salesforce's import wizard; half companies, half individuals, Chinese and English names, every other one with a
 * contact, from a seeded generator) in one {@code POST /api/imports/customers}, timed until the job is DONE (target
 * under 2 minutes); then, once the customer list has caught up, the whole list exported page by page with
 * {@code Accept: text/csv} (500 rows a page, following {@code X-Next-Cursor}). Writes {@code bench-results/import.json}.
 * Bounded: the import is awaited at most {@code IMPORT_BENCH_MINUTES} (12) minutes (then the rows done so far are
 * reported, with {@code import_done: false}), the list at most 10. {@code IMPORT_BENCH_ROWS} changes the row count.
 */
public final class ImportBenchmark {

    static final int ROWS = Integer.parseInt(System.getenv().getOrDefault("IMPORT_BENCH_ROWS", "50000"));
    /** The longest the benchmark waits for the import; then it reports the rows done so far (target missed). */
    static final Duration IMPORT_BOUND = Duration.ofMinutes(Long.parseLong(System.getenv().getOrDefault("IMPORT_BENCH_MINUTES", "12")));
    private static final String CREDIT = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    private static final String[] CITIES = {"华东", "华北", "华南", "West", "North"};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String manager;

    private ImportBenchmark(String base, String manager) {
        this.base = base;
        this.manager = manager;
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("kehu-import-bench");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(KehuApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                        "--kehu.imports.threads=16", "--kehu.imports.chunk-size=1000",
                        "--kehu.data-dir=" + dataDir, "--kehu.mongodb.uri=",
                        "--kehu.elasticsearch.url=" + SharedElasticsearch.url());
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        Map<String, Object> results = new LinkedHashMap<>();
        int status = 0;
        try {
            new ImportBenchmark("http://127.0.0.1:" + port, TestUsers.basic(app, "bench.import.manager", Role.MANAGER)).run(results);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        } finally {
            app.close();
            deleteQuietly(dataDir);
        }
        if (status == 0) {
            BenchResults.write("import.json", results);
        }
        System.exit(status); // the application's threads would keep the JVM alive
    }

    private void run(Map<String, Object> results) throws Exception {
        byte[] file = csv(new Random(19));
        System.out.printf("file: %d rows, %.1f MB%n", ROWS, file.length / 1e6);
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/imports/customers"))
                .header("Authorization", manager).header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + answer.statusCode() + " " + answer.body());
        }
        String id = JSON.readTree(answer.body()).get("id").asString();
        JsonNode job = await(id, started);
        double importSeconds = (System.nanoTime() - started) / 1e9;
        boolean done = "DONE".equals(job.get("state").asString());
        int rows = job.get("done").asInt();
        if (done && job.get("imported").asInt() != ROWS) {
            throw new IllegalStateException("imported " + job.get("imported") + " of " + ROWS + ": " + job.get("errors"));
        }
        results.put("rows", rows);
        results.put("rows_in_file", ROWS);
        results.put("import_done", done);
        results.put("import_seconds", round(importSeconds));
        results.put("import_rows_per_s", round(rows / importSeconds));
        results.put("import_seconds_for_50000_at_this_rate", round(50_000 / (rows / importSeconds)));
        results.put("import_target_met", done && ROWS >= 50_000 && importSeconds < 120);
        results.put("import_threads", 16);

        long listed = awaitList(rows);
        long exportStarted = System.nanoTime();
        long exported = export();
        double exportSeconds = (System.nanoTime() - exportStarted) / 1e9;
        if (exported < listed) {
            throw new IllegalStateException("exported " + exported + " rows of " + listed);
        }
        results.put("exported_rows", exported);
        results.put("export_seconds", round(exportSeconds));
        results.put("export_rows_per_s", round(exported / exportSeconds));
        results.put("store", "embedded default: mongo-java-server on DurableH2Backend (file, durable acknowledgement)");
        results.put("load_average", Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private JsonNode await(String id, long started) throws Exception {
        long deadline = started + IMPORT_BOUND.toNanos();
        JsonNode job;
        do {
            job = JSON.readTree(get("/api/imports/" + id, "application/json").body());
            if ("DONE".equals(job.get("state").asString())) {
                return job;
            }
            System.out.printf("  %s/%s rows, %s rows/s, eta %s s%n", job.get("done"), job.get("total"),
                    job.get("rowsPerSecond"), job.get("etaSeconds"));
            Thread.sleep(2_000);
        } while (System.nanoTime() < deadline);
        return job; // not done within the bound: the rows done so far
    }

    /** Waits until the customer list shows every imported customer; returns how many rows it has. */
    private long awaitList(int imported) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            long rows = export();
            if (rows >= imported) {
                return rows;
            }
            System.out.printf("  customer list: %d of %d%n", rows, imported);
            Thread.sleep(5_000);
        }
        throw new IllegalStateException("customer list not caught up within 10 minutes");
    }

    /** The whole customer list as CSV, page by page; returns the data rows read. */
    private long export() throws Exception {
        long rows = 0;
        String cursor = null;
        do {
            HttpResponse<String> page = get("/api/customers?limit=500"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), "text/csv");
            if (page.statusCode() != 200) {
                throw new IllegalStateException("export page " + page.statusCode() + ": " + page.body());
            }
            rows += page.body().lines().count() - 1; // minus the header (no value here spans lines)
            cursor = page.headers().firstValue("X-Next-Cursor").orElse(null);
        } while (cursor != null);
        return rows;
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", manager)
                .header("Accept", accept).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static byte[] csv(Random random) {
        StringBuilder csv = new StringBuilder("kind,chineseName,latinName,creditCode,mobile,email,industry,region,tags,contactName,contactPhone\n");
        for (int i = 0; i < ROWS; i++) {
            String surname = SURNAMES[random.nextInt(SURNAMES.length)];
            String region = CITIES[random.nextInt(CITIES.length)];
            String contact = i % 2 == 0 ? surname + "经理," + "0571-" + (10_000_000 + i) : ",";
            if (i % 2 == 0) {
                csv.append("COMPANY,").append(surname).append("氏贸易有限公司").append(i).append(",Trading Co ").append(i)
                        .append(',').append(creditCode(random, i)).append(",,,贸易,").append(region).append(",大客户;key account,")
                        .append(contact).append('\n');
            } else {
                csv.append("INDIVIDUAL,").append(surname).append("先生").append(i).append(",Mr ").append(i).append(",,")
                        .append("+86 139 ").append(String.format("%08d", i)).append(",person").append(i).append("@example.cn,,")
                        .append(region).append(",,").append(contact).append('\n');
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 18 characters: 2 from the code alphabet, 6 digits, 10 from the alphabet; unique by the row number inside. */
    private static String creditCode(Random random, int row) {
        StringBuilder code = new StringBuilder();
        code.append(CREDIT.charAt(random.nextInt(CREDIT.length()))).append(CREDIT.charAt(random.nextInt(CREDIT.length())));
        code.append(String.format("%06d", row % 1_000_000));
        String tail = String.format("%010d", row);
        code.append(tail);
        return code.toString();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory: left behind at worst
        }
    }
}
