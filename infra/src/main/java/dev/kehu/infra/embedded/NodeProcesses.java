package dev.kehu.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating-system processes of an Elasticsearch node directory, found by their command lines in
 * {@code /proc} (a process that merely reuses a recorded pid is never touched), and how they are stopped:
 * SIGTERM, then SIGKILL after {@code 30 s}. Also cleans up what a crashed owner left behind.
 */
final class NodeProcesses {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchNode.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private NodeProcesses() {
    }

    /**
     * Kills what a crashed owner left behind in {@code nodeDir}: the processes named in the pid file and
     * any other process whose command line shows it is an Elasticsearch of this node directory (so a
     * process that merely reuses a recorded pid is never touched), then removes the pid file and the
     * node lock. Refuses when the recorded owner, another JVM, is still alive: the node is in use.
     *
     * @return the ids of the processes it stopped
     */
    static List<Long> cleanUpStaleNode(Path nodeDir) {
        Path dir = nodeDir.toAbsolutePath().normalize();
        Path pidFile = dir.resolve(ElasticsearchNode.PID_FILE);
        List<Long> candidates = new ArrayList<>();
        if (Files.exists(pidFile)) {
            Properties recorded = readPidFile(pidFile);
            long owner = Long.parseLong(recorded.getProperty("owner", "-1"));
            if (owner != ProcessHandle.current().pid() && commandLine(owner).contains("java")) {
                throw new IllegalStateException("The Elasticsearch node in " + dir + " belongs to the running JVM "
                        + owner + "; stop it first or use another kehu.data-dir");
            }
            candidates.add(Long.parseLong(recorded.getProperty("node", "-1")));
        }
        List<ProcessHandle> stale = new ArrayList<>(candidates.stream()
                .filter(pid -> isElasticsearchOf(dir, pid))
                .map(ProcessHandle::of)
                .flatMap(Optional::stream)
                .toList());
        processesOf(dir).filter(handle -> !stale.contains(handle)).forEach(stale::add);
        if (!stale.isEmpty()) {
            log.warn("Stopping Elasticsearch left behind in {} by a previous run: pids {}",
                    dir, stale.stream().map(ProcessHandle::pid).toList());
            List<ProcessHandle> tree = new ArrayList<>(stale);
            stale.forEach(handle -> handle.descendants().filter(d -> !tree.contains(d)).forEach(tree::add));
            terminate(tree);
        }
        try {
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(dir.resolve("data").resolve("node.lock"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove stale lock state in " + dir, e);
        }
        return stale.stream().map(ProcessHandle::pid).toList();
    }

    /** Every running process whose command line shows it is an Elasticsearch of this node directory. */
    static Stream<ProcessHandle> processesOf(Path nodeDir) {
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            proc.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> isElasticsearchOf(nodeDir, pid))
                    .map(ProcessHandle::of)
                    .flatMap(Optional::stream)
                    .forEach(found::add);
        } catch (IOException e) {
            log.warn("Could not list /proc to look for Elasticsearch processes: {}", e.toString());
        }
        return found.stream();
    }

    private static boolean isElasticsearchOf(Path nodeDir, long pid) {
        String cmdline = commandLine(pid);
        return cmdline.contains("org.elasticsearch") && cmdline.contains(nodeDir + "/");
    }

    /** The command line of a process, arguments separated by spaces; empty if it does not exist. */
    static String commandLine(long pid) {
        if (pid <= 0) {
            return "";
        }
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    static void terminate(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle handle : processes) {
            long remaining = deadline - System.nanoTime();
            try {
                if (remaining > 0) {
                    handle.onExit().get(remaining, TimeUnit.NANOSECONDS);
                }
            } catch (Exception notYet) {
                // forced below
            }
            if (handle.isAlive()) {
                log.warn("Process {} did not stop within {} s; killing it", handle.pid(), STOP_TIMEOUT.toSeconds());
                handle.destroyForcibly();
            }
        }
    }

    private static Properties readPidFile(Path pidFile) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(pidFile)) {
            properties.load(reader);
        } catch (IOException e) {
            log.warn("Unreadable pid file {}: {}", pidFile, e.toString());
        }
        return properties;
    }
}
