package dev.kehu.e2e;

import dev.kehu.infra.embedded.ReachableDirectories;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.kehu.KehuApplication;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import tools.jackson.databind.JsonNode;

/**
 * The application with its own embedded Elasticsearch node (not the test JVM's shared one), started through
 * the application's launcher: start-up does not wait for the node, the node's files are its owner's only,
 * and when the node's server process is killed the application notices, restarts it on the same address
 * with the same data, and the search projection makes a change made while it was down searchable.
 */
@SpringBootTest(classes = KehuApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kehu.elasticsearch.embedded.start-timeout=300s")
@DirtiesContext
class SupervisedElasticsearchNodeTest {

    private static final Logger log = LoggerFactory.getLogger(SupervisedElasticsearchNodeTest.class);
    private static final Duration NODE_START = Duration.ofSeconds(300);
    private static final EmbeddedMongoServer MONGO = EmbeddedMongoServer.inMemory();
    private static final Path DATA_DIR = dataDir();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(MONGO::close, "supervised-node-test-cleanup"));
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("kehu.data-dir", DATA_DIR::toString);
        registry.add("kehu.mongodb.uri", MONGO::connectionString);
        registry.add("kehu.elasticsearch.url", () -> "");
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void restartsTheKilledNodeOnTheSameAddressAndSearchCatchesUpWithChangesMadeMeanwhile() throws Exception {
        Api api = Api.signedIn(port, context, "drill");
        // start-up did not wait for the node: a command is answered while it may still be starting
        Api.Response early = register(api, "欧阳修", "Ouyang Xiu", 1);
        assertThat(early.status()).as(early.toString()).isEqualTo(201);
        String ouyang = early.body().get("id").asString();

        JsonNode running = awaitNode(api, node -> "running".equals(node.get("state").asString()), NODE_START);
        String url = running.get("url").asString();
        long serverPid = running.get("serverPid").asLong();
        assertThat(running.get("embedded").asBoolean()).isTrue();
        assertThat(running.get("restarts").asInt()).isZero();
        assertThat(running.get("pid").asLong()).isPositive().isNotEqualTo(serverPid);
        assertThat(ProcessHandle.of(serverPid).orElseThrow().info().commandLine().orElse(""))
                .contains("org.elasticsearch.bootstrap.Elasticsearch");
        assertThat(searchUntilFound(api, "欧阳修", ouyang, Duration.ofSeconds(120))).isTrue();
        assertOwnerOnly(DATA_DIR.resolve("elasticsearch"));

        // kill the server JVM: the supervisor notices the exit and restarts the node
        assertThat(ProcessHandle.of(serverPid).orElseThrow().destroyForcibly()).isTrue();
        long killedAt = System.nanoTime();
        JsonNode down = awaitNode(api, node -> !"running".equals(node.get("state").asString())
                || node.get("restarts").asInt() > 0, Duration.ofSeconds(30));
        log.info("Node state {} s after the kill: {}", Duration.ofNanos(System.nanoTime() - killedAt).toSeconds(), down);
        assertThat(down.get("restarts").asInt()).isEqualTo(1);
        assertThat(down.get("lastExit").isNull()).isFalse();

        // a change made while the node is down: the command does not wait for it
        long started = System.nanoTime();
        Api.Response meanwhile = register(api, "Margaret Thornton", "Margaret Thornton", 2);
        assertThat(meanwhile.status()).as(meanwhile.toString()).isEqualTo(201);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        String thornton = meanwhile.body().get("id").asString();
        Api.Response customer = api.get("/api/customers/" + thornton + "/360?minPosition=" + meanwhile.body().get("position").asLong());
        assertThat(customer.status()).isEqualTo(200);
        assertThat(customer.body().toString()).contains("Margaret Thornton");

        JsonNode back = awaitNode(api, node -> "running".equals(node.get("state").asString())
                && node.get("restarts").asInt() == 1, NODE_START);
        Duration restart = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(back.get("url").asString()).isEqualTo(url);
        assertThat(back.get("serverPid").asLong()).isNotEqualTo(serverPid);
        assertThat(back.get("lastExit").get("pid").asLong()).isIn(serverPid, running.get("pid").asLong());

        long backAt = System.nanoTime();
        assertThat(searchUntilFound(api, "Thornton", thornton, Duration.ofSeconds(120)))
                .as("the customer registered while the node was down").isTrue();
        Duration catchUp = Duration.ofNanos(System.nanoTime() - backAt);
        assertThat(searchUntilFound(api, "欧阳修", ouyang, Duration.ofSeconds(10))).as("data kept across the restart").isTrue();
        assertOwnerOnly(DATA_DIR.resolve("elasticsearch"));
        log.info("Killed node back after {} s on {}; the change made meanwhile searchable {} ms later",
                restart.toSeconds(), url, catchUp.toMillis());
    }

    private static Api.Response register(Api api, String chineseName, String latinName, int n) {
        String mobile = "+86 137 %04d %04d".formatted(ProcessHandle.current().pid() % 10_000, n);
        return api.as("drill").post("/api/customers", Map.of("kind", "INDIVIDUAL", "chineseName", chineseName, "latinName", latinName,
                "mobile", mobile, "region", "华南 South China"));
    }

    private static JsonNode awaitNode(Api api, Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Api.Response response = api.get("/api/system/search-node");
            assertThat(response.status()).isEqualTo(200);
            last = response.body();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("search node not as expected within " + timeout + "; last: " + last);
    }

    private static boolean searchUntilFound(Api api, String q, String customerId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Api.Response response = api.get("/api/search/customers?size=100&q=" + Api.query(q));
            assertThat(response.status()).as(response.toString()).isIn(200, 503);
            if (response.status() == 200 && response.body().toString().contains(customerId)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /**
     * The node's directories 0700; nothing under them open to others, and nothing in data/ and logs/ to the
     * group either (Elasticsearch itself gives its keystore in config/ to its group, behind the 0700 directory).
     */
    private static void assertOwnerOnly(Path nodeDir) throws IOException {
        for (String dir : List.of("", "data", "logs", "config", "tmp")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nodeDir.resolve(dir))))
                    .as(nodeDir.resolve(dir).toString()).isEqualTo("rwx------");
        }
        try (Stream<Path> all = Files.walk(nodeDir)) {
            List<Path> open = all.filter(path -> !Files.isSymbolicLink(path)).filter(path -> {
                try {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                    boolean groupMatters = path.startsWith(nodeDir.resolve("data")) || path.startsWith(nodeDir.resolve("logs"));
                    return permissions.stream().anyMatch(permission -> permission.name().startsWith("OTHERS_")
                            || groupMatters && permission.name().startsWith("GROUP_"));
                } catch (IOException vanished) {
                    return false;
                }
            }).toList();
            assertThat(open).as("paths readable by others under %s", nodeDir).isEmpty();
        }
        assertThat(Files.list(nodeDir.resolve("logs")).count()).as("the node writes logs").isPositive();
    }

    /** A fresh data directory the node's unprivileged user can reach when we run as root (as the launcher requires). */
    private static Path dataDir() {
        try {
            return ReachableDirectories.fresh("supervised-node-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
