package dev.kehu.infra.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.add_block.IndicesBlockOptions;
import dev.kehu.query.elasticsearch.ExternallyVersionedBulk;
import java.util.List;
import java.util.Map;

import dev.kehu.KehuApplication;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.security.Role;
import dev.kehu.infra.security.TestUsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's endpoints on the running application: health (MongoDB, Elasticsearch, processors), the probes,
 * info, and the Prometheus metrics (Elasticsearch bulk failures on a real write block among them). Elasticsearch is reached through a {@link TcpForwarder} of this test's own,
 * so closing it takes search away from this application only, not from the shared node.
 */
@SpringBootTest(classes = KehuApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsEndpointsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EmbeddedMongoServer MONGO = EmbeddedMongoServer.inMemory();
    private static final TcpForwarder ELASTICSEARCH = forwarder();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("kehu.elasticsearch.url", ELASTICSEARCH::url);
        registry.add("kehu.mongodb.uri", MONGO::connectionString);
    }

    @AfterAll
    static void stop() {
        ELASTICSEARCH.close();
        MONGO.close();
    }

    @Test
    void healthGoesDownWhenElasticsearchIsUnreachableAndComesBack() throws Exception {
        JsonNode up = json(get("/actuator/health", null), 200);
        assertThat(up.at("/status").asString()).isEqualTo("UP");
        assertThat(up.at("/components/elasticsearch/status").asString()).isEqualTo("UP");
        assertThat(up.at("/components/mongo/status").asString()).isEqualTo("UP");
        assertThat(up.at("/components/processors/status").asString()).isEqualTo("UP");
        assertThat(up.at("/components/processors/details").isMissingNode()).as("details only for ADMIN").isTrue();

        ELASTICSEARCH.close();
        try {
            JsonNode down = awaitStatus(503);
            assertThat(down.at("/components/elasticsearch/status").asString()).isEqualTo("DOWN");
            assertThat(down.at("/components/mongo/status").asString()).isEqualTo("UP");
            // commands and views go on without search: still ready, still live
            assertThat(json(get("/actuator/health/readiness", null), 200).at("/status").asString()).isEqualTo("UP");
            assertThat(json(get("/actuator/health/liveness", null), 200).at("/status").asString()).isEqualTo("UP");
        } finally {
            ELASTICSEARCH.open();
        }
        JsonNode back = awaitStatus(200);
        assertThat(back.at("/components/elasticsearch/status").asString()).isEqualTo("UP");
    }

    @Test
    void adminsSeeEveryProcessorWithItsLagAndDeadLetters() throws Exception {
        JsonNode health = json(get("/actuator/health", admin()), 200);
        JsonNode groups = health.at("/components/processors/details/groups");
        assertThat(groups.has("customer-list")).isTrue();
        assertThat(groups.has("customer-search")).isTrue();
        assertThat(groups.at("/customer-list/deadLetters").asLong()).isZero();
        assertThat(health.at("/components/processors/details/lagThreshold").asLong()).isEqualTo(10_000);
    }

    @Test
    void infoNamesTheVersion() throws Exception {
        JsonNode info = json(get("/actuator/info", null), 200);
        assertThat(info.at("/build/version").asString()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(info.at("/build/artifact").asString()).isEqualTo("infra");
        assertThat(info.at("/git/commit/id").asString()).as("the commit the build came from").matches("[0-9a-f]{7,40}");
    }

    @Test
    void metricsAreForAdminsOnly() throws Exception {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        String sales = TestUsers.basic(context, "王芳", Role.SALES);
        assertThat(get("/actuator/prometheus", sales).statusCode()).isEqualTo(403);
    }

    @Test
    void metricsMoveWhenCommandsRun() throws Exception {
        String manager = TestUsers.basic(context, "lina.metrics", Role.MANAGER);
        String commandsBefore = "kehu_commands_seconds_count{application=\"kehu\",command=\"RegisterCustomer\",outcome=\"success\"}";
        String appendedBefore = "kehu_events_appended_total{application=\"kehu\",type=\"CustomerRegistered\"}";
        String replays = "kehu_idempotency_replays_total{application=\"kehu\"}";
        String before = prometheus();

        String body = "{\"kind\":\"INDIVIDUAL\",\"chineseName\":\"欧阳娜娜\",\"latinName\":\"Ouyang Nana\",\"mobile\":\"+86 139 1000 2077\"}";
        HttpResponse<String> first = post("/api/customers", body, manager, "Idempotency-Key", "metrics-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = post("/api/customers", body, manager, "Idempotency-Key", "metrics-1");
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        HttpResponse<String> refused = post("/api/customers/" + java.util.UUID.randomUUID() + "/lifecycle/dormant", null, manager);
        assertThat(refused.statusCode()).isEqualTo(404);

        String after = prometheus();
        assertThat(value(after, commandsBefore) - value(before, commandsBefore)).isEqualTo(1);
        assertThat(value(after, appendedBefore) - value(before, appendedBefore)).isEqualTo(1);
        assertThat(value(after, replays) - value(before, replays)).isEqualTo(1);
        assertThat(value(after, "kehu_commands_seconds_count{application=\"kehu\",command=\"MarkCustomerDormant\",outcome=\"failure\"}"))
                .isEqualTo(1);
        assertThat(after).contains("kehu_processor_lag_events{application=\"kehu\",group=\"customer-list\"}");
        // lag in time: axon-micrometer's latency gauge, once the processor has handled the new customer
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String latency = "kehu_processor_latency{application=\"kehu\",group=\"customer-list\"}";
        while (!prometheus().contains(latency) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(prometheus()).contains(latency);
    }

    @Test
    void elasticsearchBulkFailuresAreCountedOnARealWriteBlock() throws Exception {
        ElasticsearchClient client = context.getBean(ElasticsearchClient.class); // the projections' own client
        String index = "ops-bulk-failures-" + System.nanoTime();
        String requests = "kehu_elasticsearch_bulk_failures_total{application=\"kehu\",kind=\"request\"}";
        String partly = "kehu_elasticsearch_bulk_failures_total{application=\"kehu\",kind=\"items\"}";
        String documents = "kehu_elasticsearch_bulk_failed_documents_total{application=\"kehu\"}";
        client.indices().create(create -> create.index(index));
        try {
            String before = prometheus();
            assertThat(write(client, index, 2, "杭州客户", "Hangzhou customer")).isEqualTo(2);
            assertThat(write(client, index, 1, "杭州客户")).as("an older version: a replay, refused on purpose").isZero();
            String fine = prometheus();
            assertThat(value(fine, partly) - value(before, partly)).isZero();
            assertThat(value(fine, documents) - value(before, documents)).isZero();

            client.indices().addBlock(block -> block.index(index).block(IndicesBlockOptions.Write));
            assertThatThrownBy(() -> write(client, index, 3, "杭州客户", "Hangzhou customer", "苏州客户"))
                    .isInstanceOf(RuntimeException.class);
            String blocked = prometheus();
            assertThat(value(blocked, partly) - value(fine, partly)).isEqualTo(1);
            assertThat(value(blocked, documents) - value(fine, documents)).isEqualTo(3);
            assertThat(value(blocked, requests) - value(fine, requests)).isZero();

            assertThatThrownBy(() -> client.bulk(bulk -> bulk.index(index).timeout(time -> time.time("soon"))
                    .operations(operation -> operation.index(doc -> doc.id("x").document(Map.of("name", "无效的超时"))))))
                    .isInstanceOf(ElasticsearchException.class);
            String refused = prometheus();
            assertThat(value(refused, requests) - value(blocked, requests)).isEqualTo(1);
            assertThat(value(refused, documents) - value(blocked, documents)).isZero();
        } finally {
            client.indices().delete(delete -> delete.index(index));
        }
    }

    private static int write(ElasticsearchClient client, String index, long version, String... names) {
        return ExternallyVersionedBulk.write(client, index, List.of(names), name -> "id-" + name.hashCode(),
                name -> version, name -> Map.of("name", name), false, "Test index");
    }

    private String prometheus() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus", admin());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** A sample's value in the Prometheus text, 0 when the series does not exist yet. */
    private static double value(String text, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private JsonNode awaitStatus(int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response;
        do {
            response = get("/actuator/health", null);
            if (response.statusCode() == status) {
                return JSON.readTree(response.body());
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("health stayed " + response.statusCode() + ": " + response.body());
    }

    private String admin() {
        return TestUsers.basic(context, "ops.admin", Role.ADMIN);
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String body, String authorization, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static TcpForwarder forwarder() {
        try {
            return new TcpForwarder(SharedElasticsearch.url()).open();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
