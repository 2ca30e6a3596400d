package dev.kehu.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clean-up of a node left behind by a crash, with harmless {@code sleep} processes standing in for
 * Elasticsearch (their command line is dressed up like that of a node of the directory under test).
 */
class StaleElasticsearchNodeTest {

    @TempDir
    Path nodeDir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void stopsTheNodeOfACrashedOwnerAndRemovesTheLockState() throws Exception {
        Process staleNode = processNamed("org.elasticsearch.bootstrap.Elasticsearch -Des.path.conf=" + nodeDir.resolve("config"));
        writePidFile(deadPid(), staleNode.pid());
        Files.createDirectories(nodeDir.resolve("data"));
        Files.writeString(nodeDir.resolve("data/node.lock"), "");

        List<Long> stopped = ElasticsearchNode.cleanUpStaleNode(nodeDir);

        assertThat(stopped).containsExactly(staleNode.pid());
        assertThat(staleNode.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(nodeDir.resolve(ElasticsearchNode.PID_FILE)).doesNotExist();
        assertThat(nodeDir.resolve("data/node.lock")).doesNotExist();
    }

    @Test
    void findsANodeOfThisDirectoryEvenWithoutAPidFile() throws Exception {
        Process orphanedServer = processNamed("org.elasticsearch.server -Djava.io.tmpdir=" + nodeDir.resolve("tmp"));

        assertThat(ElasticsearchNode.cleanUpStaleNode(nodeDir)).containsExactly(orphanedServer.pid());
        assertThat(orphanedServer.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void leavesAProcessThatReusedARecordedPidAlone() throws Exception {
        Process unrelated = processNamed("unrelated-worker");
        Process otherDirectorysNode = processNamed("org.elasticsearch.bootstrap.Elasticsearch -Des.path.conf=" + nodeDir + "-other/config");
        writePidFile(deadPid(), unrelated.pid());

        assertThat(ElasticsearchNode.cleanUpStaleNode(nodeDir)).isEmpty();
        assertThat(unrelated.isAlive()).isTrue();
        assertThat(otherDirectorysNode.isAlive()).isTrue();
        assertThat(nodeDir.resolve(ElasticsearchNode.PID_FILE)).doesNotExist();
    }

    @Test
    void refusesToTouchANodeWhoseOwnerIsStillRunning() throws Exception {
        Process owner = processNamed("java -jar infra.jar");
        Process node = processNamed("org.elasticsearch.bootstrap.Elasticsearch -Des.path.conf=" + nodeDir.resolve("config"));
        writePidFile(owner.pid(), node.pid());

        assertThatThrownBy(() -> ElasticsearchNode.cleanUpStaleNode(nodeDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to the running JVM " + owner.pid());
        assertThat(node.isAlive()).isTrue();
    }

    /** A {@code sleep} whose command line (argv[0]) is the given text. */
    private Process processNamed(String commandLine) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", "exec -a \"$0\" sleep 300", commandLine).start();
        started.add(process);
        for (int i = 0; i < 100 && !ElasticsearchNode.commandLine(process.pid()).startsWith(commandLine); i++) {
            Thread.sleep(20);
        }
        assertThat(ElasticsearchNode.commandLine(process.pid())).startsWith(commandLine);
        return process;
    }

    private static long deadPid() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        return finished.pid();
    }

    private void writePidFile(long owner, long node) throws IOException {
        Files.writeString(nodeDir.resolve(ElasticsearchNode.PID_FILE), "owner=" + owner + "\nnode=" + node + "\n");
    }
}
