package dev.kehu.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's rules, fast: a stand-in "distribution" whose {@code bin/elasticsearch} runs a tiny JDK
 * HTTP server on the configured port (the real node takes up to two minutes to start on a busy machine;
 * {@code dev.kehu.e2e.SupervisedElasticsearchNodeTest} kills a real one). Killed, it comes back on the same
 * address; a restart that fails is retried with a growing back-off and recovers; stopping ends it all.
 */
class SupervisedElasticsearchNodeSupervisionTest {

    private static final String FAKE_NODE = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;

            /** Answers every request with a green cluster health, on the port given. */
            public class FakeNode {
                public static void main(String[] args) throws Exception {
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 50);
                    server.createContext("/", exchange -> {
                        byte[] body = "{\\"status\\":\\"green\\"}".getBytes();
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """;
    private static final String LAUNCHER = """
            #!/bin/sh
            # stand-in for Elasticsearch's launcher in the supervisor's tests
            [ -f "$ES_PATH_CONF/../refuse-to-start" ] && exit 3
            port=$(sed -n 's/^http.port: //p' "$ES_PATH_CONF/elasticsearch.yml")
            exec "$ES_JAVA_HOME/bin/java" "$(dirname "$0")/FakeNode.java" "$port"
            """;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private SupervisedElasticsearchNode supervised;

    @AfterEach
    void stop() {
        if (supervised != null) {
            supervised.stop();
        }
    }

    @Test
    void backsOffOneTwoFourUpToAMinute() {
        assertThat(java.util.stream.IntStream.range(0, 9).mapToLong(SupervisedElasticsearchNode::backoffSeconds).boxed().toList())
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void restartsAKilledNodeOnTheSameAddressAndRetriesAFailedStartUntilItRuns() throws Exception {
        Path root = reachableDirectory();
        Path home = fakeDistribution(root.resolve("home"));
        ElasticsearchNode.Settings settings = new ElasticsearchNode.Settings(root.resolve("node"), home,
                Path.of(System.getProperty("java.home")), 0, 0, "64m", Duration.ofSeconds(120), Optional.empty());
        supervised = new SupervisedElasticsearchNode(settings);
        String url = supervised.url();
        assertThat(url).matches("http://127\\.0\\.0\\.1:[1-9][0-9]*");

        supervised.startAndWait(Duration.ofSeconds(150));
        SupervisedElasticsearchNode.Status first = supervised.status();
        assertThat(first.state()).isEqualTo(SupervisedElasticsearchNode.State.RUNNING);
        assertThat(first.restarts()).isZero();
        assertThat(first.lastExit()).isEmpty();
        assertThat(health(url)).isEqualTo(200);
        long firstPid = first.pid().orElseThrow();

        // killed: noticed, restarted after 1 s on the same port
        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
        SupervisedElasticsearchNode.Status back = await(status -> status.state() == SupervisedElasticsearchNode.State.RUNNING
                && status.restarts() == 1, Duration.ofSeconds(150));
        assertThat(back.url()).isEqualTo(url);
        assertThat(back.pid()).isPresent().isNotEqualTo(Optional.of(firstPid));
        assertThat(back.lastExit()).hasValueSatisfying(exit -> {
            assertThat(exit.pid()).isEqualTo(firstPid);
            assertThat(exit.exitCode()).hasValue(137);
        });
        assertThat(health(url)).isEqualTo(200);

        // killed again while it cannot start: it keeps trying, waiting longer each time
        Path refuse = root.resolve("node").resolve("refuse-to-start");
        Files.writeString(refuse, "");
        ProcessHandle.of(back.pid().orElseThrow()).orElseThrow().destroyForcibly();
        SupervisedElasticsearchNode.Status failed = await(status -> status.state() == SupervisedElasticsearchNode.State.FAILED,
                Duration.ofSeconds(60));
        assertThat(failed.restarts()).isEqualTo(2);
        assertThat(failed.lastError()).hasValueSatisfying(error -> assertThat(error).contains("exited with code 3"));
        assertThat(failed.pid()).isEmpty();
        // two quick exits and one failed start: the next attempt waits 4 s
        Instant next = failed.nextAttemptAt().orElseThrow();
        assertThat(Duration.between(Instant.now(), next)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));

        Files.delete(refuse);
        SupervisedElasticsearchNode.Status recovered = await(status -> status.state() == SupervisedElasticsearchNode.State.RUNNING,
                Duration.ofSeconds(150));
        assertThat(recovered.restarts()).isEqualTo(2);
        assertThat(recovered.lastError()).isEmpty();
        assertThat(health(url)).isEqualTo(200);

        long lastPid = recovered.pid().orElseThrow();
        supervised.stop();
        assertThat(supervised.status().state()).isEqualTo(SupervisedElasticsearchNode.State.STOPPED);
        assertThat(ProcessHandle.of(lastPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        // the next run of the application on this data directory takes the same port again
        assertThat(new SupervisedElasticsearchNode(settings).url()).isEqualTo(url);
    }

    private SupervisedElasticsearchNode.Status await(Predicate<SupervisedElasticsearchNode.Status> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SupervisedElasticsearchNode.Status status = supervised.status();
            if (condition.test(status)) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + timeout + ": " + supervised.status());
    }

    private int health(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/_cluster/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Path fakeDistribution(Path home) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config").resolve("jvm.options"), "# stand-in\n");
        Files.writeString(home.resolve("bin").resolve("FakeNode.java"), FAKE_NODE);
        Path launcher = home.resolve("bin").resolve("elasticsearch");
        Files.writeString(launcher, LAUNCHER);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** Under target/ when the node's unprivileged user (we may be root) can reach it there, else the temp directory. */
    private static Path reachableDirectory() throws IOException {
        return ReachableDirectories.fresh("supervision-");
    }
}
