package dev.kehu.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.kehu.KehuApplication;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.eventstore.PayloadCipher;
import dev.kehu.infra.privacy.PrivacyBench;
import dev.kehu.infra.security.Role;
import dev.kehu.infra.security.TestUsers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Personal data sealing and erasure (docs/privacy.md). Not a test: {@code ./mvnw -q -Pbench -DskipTests verify -pl
 * infra -am -Dbench=PrivacyBenchmark} prints the figures and writes {@code bench-results/privacy.json}.
 *
 * <ul>
 *   <li>{@code append_ratio_encrypted}: single-event commits/s through the engine with sealing ÷ without, one writer,
 *       alternating timed rounds on two databases of one in-memory MongoDB-wire server (no fsync to hide the cipher's
 *       cost). Each customer is an individual: its registration (a new subject key: one read, one insert) and then
 *       {@value #INTERACTIONS} interactions with notes (sealed under the cached key).</li>
 *   <li>{@code stream_ratio_encrypted}: events/s reading each whole store from the tail and deserializing every
 *       payload, sealed ÷ plain, the sealed one with a cold key cache (a replay's case: one key read per subject).</li>
 *   <li>{@code erasure_ms}: median time of {@code POST /api/privacy/erasures} of a contact over HTTP on the whole
 *       application (the event, key deletion, view and search purge), {@code erasure_ms_max} the slowest.</li>
 * </ul>
 */
public final class PrivacyBenchmark {

    static final int INTERACTIONS = 9;
    static final int ROUNDS = 4;
    static final int COMMITS_PER_ROUND = 3_000;
    /** Reads of each whole store, alternating; the best of each counts (a read takes a fraction of a second). */
    static final int STREAM_ROUNDS = 6;
    /** Erasures timed; {@code PRIVACY_BENCH_ERASURES=0} leaves them out (the ratios alone, without Elasticsearch). */
    static final int ERASURES = Integer.parseInt(System.getenv().getOrDefault("PRIVACY_BENCH_ERASURES", "10"));

    private PrivacyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Map<String, Object> results = new LinkedHashMap<>();
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory();
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase plainDb = client.getDatabase("plain");
            MongoDatabase sealedDb = client.getDatabase("sealed");
            MongoEventStorageEngine plain = engine(plainDb, PayloadCipher.NONE);
            MongoEventStorageEngine sealed = engine(sealedDb, PrivacyBench.cipher(sealedDb));
            Writer plainWriter = new Writer(plain);
            Writer sealedWriter = new Writer(sealed);
            plainWriter.commits(500); // warm-up
            sealedWriter.commits(500);
            double plainRate = 0;
            double sealedRate = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (Writer writer : round % 2 == 0 ? List.of(sealedWriter, plainWriter) : List.of(plainWriter, sealedWriter)) {
                    double rate = writer.commits(COMMITS_PER_ROUND);
                    if (writer == plainWriter) {
                        plainRate += rate / ROUNDS;
                    } else {
                        sealedRate += rate / ROUNDS;
                    }
                }
                System.out.printf(Locale.ROOT, "append round %d done%n", round + 1);
            }
            results.put("append_ratio_encrypted", round(sealedRate / plainRate));
            results.put("append_per_s_plain", round(plainRate));
            results.put("append_per_s_encrypted", round(sealedRate));

            double[] plainStream = new double[STREAM_ROUNDS];
            double[] sealedStream = new double[STREAM_ROUNDS];
            for (int round = 0; round < STREAM_ROUNDS; round++) {
                plainStream[round] = stream(engine(plainDb, PayloadCipher.NONE));
                sealedStream[round] = stream(engine(sealedDb, PrivacyBench.cipher(sealedDb))); // cold key cache
            }
            double plainBest = Arrays.stream(plainStream).max().orElseThrow();
            double sealedBest = Arrays.stream(sealedStream).max().orElseThrow();
            results.put("stream_ratio_encrypted", round(sealedBest / plainBest));
            results.put("stream_events_per_s_plain", round(plainBest));
            results.put("stream_events_per_s_encrypted", round(sealedBest));
            results.put("stream_events", plainWriter.events);
        }
        System.out.println("ratios: " + results);
        if (ERASURES > 0) {
            double[] erasures = erasures();
            Arrays.sort(erasures);
            results.put("erasure_ms", round(erasures[erasures.length / 2]));
            results.put("erasure_ms_max", round(erasures[erasures.length - 1]));
            results.put("erasures", ERASURES);
        }
        results.put("date", LocalDate.now().toString());
        results.put("load_average_at_end", Files.loadAverage());
        results.put("runtime_seconds", round((System.nanoTime() - started) / 1e9));
        BenchResults.write("privacy.json", results);
        System.exit(0);
    }

    private static MongoEventStorageEngine engine(MongoDatabase database, PayloadCipher cipher) {
        return MongoEventStorageEngine.builder().database(database).settings(EventStoreSettings.defaults())
                .eventSerializer(AxonConfiguration.messageSerializer(cipher))
                .snapshotSerializer(AxonConfiguration.snapshotSerializer()).build();
    }

    /** One writer: individuals registered, then their interactions, one event per commit. */
    static final class Writer {
        private final MongoEventStorageEngine engine;
        private int customer;
        private int seq = INTERACTIONS + 1;
        long events;

        Writer(MongoEventStorageEngine engine) {
            this.engine = engine;
        }

        double commits(int count) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (seq > INTERACTIONS) {
                    customer++;
                    seq = 0;
                }
                String id = "c-" + customer;
                Object payload = seq == 0
                        ? new CustomerRegistered(id, CustomerKind.INDIVIDUAL, new CustomerProfile("王芳" + customer,
                        "Wang Fang", null, Phone.of("138" + String.format("%08d", customer)), "wang" + customer
                        + "@example.cn", "零售", "上海", "CONSUMER", "REFERRAL", List.of(), List.of("上海市徐汇区 88 号"),
                        Map.of("shoeSize", "37"), "prefers afternoons 喜欢下午"))
                        : new InteractionRecorded(id, id + "-" + seq, InteractionChannel.CALL, null,
                        LocalDate.of(2026, 11, 1), "回访 follow-up", "客户说下个月再订 will order next month " + seq);
                engine.appendEvents(new GenericDomainEventMessage<>("Customer", id, seq, payload,
                        MetaData.with("actor", "bench")));
                seq++;
                events++;
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Events/s reading the whole store from the tail, every payload deserialized. */
    private static double stream(MongoEventStorageEngine engine) {
        long start = System.nanoTime();
        long count;
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            count = events.peek(TrackedEventMessage::getPayload).count();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Milliseconds of each erasure of a contact over HTTP on the whole application. */
    private static double[] erasures() throws Exception {
        EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory();
        ConfigurableApplicationContext app = BenchApplication.start(new Class<?>[] {KehuApplication.class},
                "kehu.mongodb.uri=" + mongo.connectionString(),
                "kehu.crypto.master-key=YmVuY2gtbWFzdGVyLWtleS0zMi1ieXRlcy1sb25nISE=");
        String base = BenchApplication.baseUrl(app);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String manager = TestUsers.basic(app, "bench.manager", Role.MANAGER);
        String admin = TestUsers.basic(app, "bench.admin", Role.ADMIN);
        String company = field(send(http, base + "/api/customers", manager, "{\"kind\":\"COMPANY\",\"chineseName\":"
                + "\"成都熊猫物流有限公司\",\"latinName\":\"Chengdu Panda Logistics\",\"creditCode\":\"91510100MA61234567\"}"), "id");
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < ERASURES; i++) {
            contacts.add(field(send(http, base + "/api/customers/" + company + "/contacts", manager,
                    "{\"name\":\"联系人" + i + " Contact " + i + "\",\"phones\":[\"139 0000 " + String.format("%04d", i)
                            + "\"],\"emails\":[\"contact" + i + "@example.cn\"]}"), "contactId"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) { // the search index catches up asynchronously
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search/customers?q="
                    + URLEncoder.encode("联系人" + (ERASURES - 1), StandardCharsets.UTF_8))).header("Authorization", manager)
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (found.statusCode() == 200 && found.body().contains(company)) {
                break;
            }
            Thread.sleep(300);
        }
        double[] millis = new double[ERASURES];
        for (int i = 0; i < ERASURES; i++) {
            long start = System.nanoTime();
            send(http, base + "/api/privacy/erasures", admin, "{\"subjectType\":\"contact\",\"customerId\":\"" + company
                    + "\",\"contactId\":\"" + contacts.get(i) + "\",\"reason\":\"本人要求 asked\"}");
            millis[i] = (System.nanoTime() - start) / 1e6;
            System.out.printf(Locale.ROOT, "erasure %d: %.1f ms%n", i + 1, millis[i]);
        }
        app.close();
        mongo.close();
        return millis;
    }

    private static String send(HttpClient http, String url, String authorization, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(at, json.indexOf('"', at));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** The load average when the figures were taken (the machine is shared). */
    static final class Files {
        static String loadAverage() {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
            } catch (java.io.IOException e) {
                return "unknown";
            }
        }
    }
}
