package dev.kehu.infra.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.KehuApplication;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.operations.TcpForwarder;
import dev.kehu.infra.security.Role;
import dev.kehu.infra.security.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two application instances on one MongoDB: an import runs on instance A, A loses MongoDB for good in the middle
 * (its connection goes through a {@link TcpForwarder} this test closes, as if the instance died), and instance B
 * takes the job over once A's lease has run out, finishing it without registering any row twice.
 */
class ImportTakeoverTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROWS = 200;
    private static final EmbeddedMongoServer MONGO = EmbeddedMongoServer.inMemory();
    private static ConfigurableApplicationContext instanceA;
    private static ConfigurableApplicationContext instanceB;
    private static TcpForwarder toMongoFromA;

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {instanceA, instanceB}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (toMongoFromA != null) {
            toMongoFromA.close();
        }
        MONGO.close();
    }

    @Test
    void anotherInstanceTakesOverTheImportOfAnInstanceThatDied() throws Exception {
        toMongoFromA = new TcpForwarder(MONGO.connectionString().replace("mongodb://", "http://")).open();
        int forwarded = URI.create(toMongoFromA.url()).getPort();
        instanceA = instance("mongodb://127.0.0.1:" + forwarded + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000&socketTimeoutMS=2000");
        instanceB = instance(MONGO.connectionString());
        String onA = TestUsers.basic(instanceA, "导入员甲", Role.MANAGER);
        String onB = TestUsers.basic(instanceB, "importer.b", Role.MANAGER);

        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(instanceA, "/api/imports/customers"))
                .header("Authorization", onA).header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(file(), StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = JSON.readTree(started.body()).get("id").asString();

        JsonNode before = await(instanceB, onB, id, status -> status.get("done").asInt() >= 4);
        assertThat(before.get("state").asString()).as("the import must still be running when A dies").isEqualTo("RUNNING");
        toMongoFromA.close(); // A is gone for MongoDB: it can neither import nor renew its lease

        JsonNode done = await(instanceB, onB, id, status -> "DONE".equals(status.get("state").asString()));
        assertThat(before.get("done").asInt()).isLessThan(ROWS);
        assertThat(done.get("done").asInt()).isEqualTo(ROWS);
        assertThat(done.get("imported").asInt()).isEqualTo(ROWS);
        assertThat(done.get("failed").asInt()).isZero();
        assertThat(done.get("duplicates").asInt()).isZero();
        EventStore events = instanceB.getBean(EventStore.class);
        for (int row = 2; row <= ROWS + 1; row++) {
            List<? extends DomainEventMessage<?>> stream = events.readEvents(CustomerImporter.customerId(id, row)).asStream().toList();
            // a company row: registered, contact added, chosen as primary; an individual: registered; each once
            assertThat(stream).as("row " + row).hasSize(row % 2 == 0 ? 3 : 1);
            assertThat(stream.get(0).getPayload()).isInstanceOf(CustomerRegistered.class);
        }
    }

    private static ConfigurableApplicationContext instance(String mongoUri) {
        return new SpringApplicationBuilder(KehuApplication.class).run("--server.port=0", "--spring.main.banner-mode=off",
                "--kehu.mongodb.uri=" + mongoUri, "--kehu.elasticsearch.url=" + SharedElasticsearch.url(),
                "--kehu.imports.lease=2s", "--kehu.imports.chunk-size=4", "--kehu.imports.threads=2");
    }

    /** Chinese and English customers; even rows (a spreadsheet's row numbers) are companies with a contact. */
    private static String file() {
        StringBuilder csv = new StringBuilder("kind,chineseName,latinName,creditCode,mobile,contactName,contactPhone\n");
        for (int i = 0; i < ROWS; i++) {
            if (i % 2 == 0) {
                csv.append("COMPANY,接管测试贸易有限公司").append(i).append(",Takeover Trading ").append(i).append(",91330100TK")
                        .append(String.format("%08d", i)).append(",,王经理,0571-").append(80_000_000 + i).append('\n');
            } else {
                csv.append("INDIVIDUAL,李").append(i).append(",Li ").append(i).append(",,+86 137 ")
                        .append(String.format("%08d", i)).append(",,\n");
            }
        }
        return csv.toString();
    }

    private static JsonNode await(ConfigurableApplicationContext instance, String user, String id,
                                  java.util.function.Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(instance, "/api/imports/" + id))
                    .header("Authorization", user).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            status = JSON.readTree(answer.body());
            if (until.test(status)) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("import not there in time: " + status);
    }

    private static URI uri(ConfigurableApplicationContext instance, String path) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) instance).getWebServer().getPort() + path);
    }
}
