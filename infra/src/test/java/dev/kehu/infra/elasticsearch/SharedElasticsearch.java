package dev.kehu.infra.elasticsearch;

import dev.kehu.infra.embedded.ReachableDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.infra.embedded.ElasticsearchNode;
import dev.kehu.infra.embedded.EmbeddedElasticsearchConfiguration;

/**
 * One real Elasticsearch node per test JVM, shared by every test class that needs one — never one node
 * per class (a node takes 10–45 s to start and 750 MB).
 *
 * <p>The node starts lazily on first use, through the application's own launcher (distribution unpacked
 * by the build, our analysis plugin installed, so {@code kehu_chinese} and friends are there), with its
 * data in a fresh directory under {@code target/shared-elasticsearch/}; it stops when the JVM exits.
 * Directories of earlier runs whose JVM is gone are cleaned up (a node left running by a killed test JVM
 * is stopped first). Test classes share the node: use your own index names (or delete what you create).
 *
 * <p>Plain JUnit tests:
 * <pre>{@code
 * @ExtendWith(SharedElasticsearch.class)        // optional: starts the node before the class
 * class CustomerSearchWriterTest {
 *     ElasticsearchClient client = SharedElasticsearch.client();
 *     ...
 * }
 * }</pre>
 *
 * <p>Whole-application tests: annotate with {@link SharedServers}, which points the application at this
 * node ({@code kehu.elasticsearch.url}) and at a fresh in-memory MongoDB-wire server for the class
 * ({@code kehu.mongodb.uri}), so the application starts no server of its own:
 * <pre>{@code
 * @SpringBootTest(webEnvironment = RANDOM_PORT)
 * @SharedServers
 * class RegisterAndFindCustomerTest { ... }
 * }</pre>
 * Or, with {@code @DynamicPropertySource}: {@code registry.add("kehu.elasticsearch.url", SharedElasticsearch::url)}.
 */
public final class SharedElasticsearch implements BeforeAllCallback {

    private static final Logger log = LoggerFactory.getLogger(SharedElasticsearch.class);
    private static ElasticsearchNode node;
    private static ElasticsearchClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        url();
    }

    /** The node's HTTP address, e.g. {@code http://127.0.0.1:41234}; starts the node on first call. */
    public static synchronized String url() {
        if (node == null) {
            node = start();
        }
        return node.url();
    }

    /** A client for the node, shared too (closed with the JVM). */
    public static synchronized ElasticsearchClient client() {
        if (client == null) {
            RestClient rest = ElasticsearchConfiguration.restClient(url());
            client = ElasticsearchConfiguration.client(rest);
        }
        return client;
    }

    /** The launcher behind the shared node (for tests of the launcher itself). */
    public static synchronized ElasticsearchNode node() {
        url();
        return node;
    }

    private static ElasticsearchNode start() {
        // under target/, unless the node's unprivileged user could not reach it there (a clone in a private directory)
        Path root = ReachableDirectories.root().resolve("shared-elasticsearch").toAbsolutePath();
        try {
            Files.createDirectories(root);
            removeLeftovers(root);
            Path nodeDir = Files.createTempDirectory(root, "node-" + ProcessHandle.current().pid() + "-");
            ElasticsearchProperties.Embedded embedded = new ElasticsearchProperties.Embedded(
                    0, 0, System.getenv().getOrDefault("KEHU_TEST_ES_HEAP", "512m"), Duration.ofSeconds(240), null, null);
            ElasticsearchNode started = new ElasticsearchNode(
                    EmbeddedElasticsearchConfiguration.nodeSettings(nodeDir, embedded)).start();
            log.info("Shared test Elasticsearch node at {} (started in {} ms)", started.url(), started.startupTime().toMillis());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.stop();
                deleteQuietly(nodeDir);
            }, "shared-elasticsearch-cleanup"));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Node directories of earlier test JVMs that are gone: stop what they left running, then delete them. */
    private static void removeLeftovers(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).filter(SharedElasticsearch::ownerGone).toList()) {
                ElasticsearchNode.cleanUpStaleNode(dir);
                deleteQuietly(dir);
            }
        }
    }

    private static boolean ownerGone(Path dir) {
        String name = dir.getFileName().toString();
        String[] parts = name.split("-");
        if (parts.length < 2) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(parts[1])).map(handle -> !handle.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
