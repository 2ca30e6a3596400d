package dev.kehu.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch node from the official distribution, run as a child process with everything it
 * writes under one node directory ({@code <data-dir>/elasticsearch/}): {@code config/} (ES_PATH_CONF),
 * {@code data/}, {@code logs/} (with {@code console.log}), {@code tmp/} and the pid file
 * {@value #PID_FILE}. Bound to 127.0.0.1 only, single-node discovery, security off.
 *
 * <p>{@link #start()} cleans up a node left behind by a crashed owner, installs our analysis plugin into
 * the distribution, starts the process (as uid 65534 through {@code setpriv} when we are root, since
 * Elasticsearch refuses to run as root) and blocks until {@code /_cluster/health?wait_for_status=yellow}
 * answers. {@link #stop()} (also run by a JVM shutdown hook, for Ctrl-C and SIGTERM) stops the process
 * and its server JVM. Not Spring-specific: the application and the tests' shared node both use it.
 */
public final class ElasticsearchNode implements AutoCloseable {

    public static final String PID_FILE = "kehu-elasticsearch.pid";
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchNode.class);

    /**
     * How to run the node.
     *
     * @param nodeDir       directory for config, data, logs, tmp and the pid file
     * @param home          the unpacked distribution (contains {@code bin/elasticsearch})
     * @param javaHome      the JDK that runs Elasticsearch (ES_JAVA_HOME)
     * @param httpPort      0 picks a free port
     * @param transportPort 0 picks a free port
     * @param heap          -Xms and -Xmx, e.g. {@code 512m}
     * @param startTimeout  how long to wait for a yellow cluster
     * @param pluginSource  where our analysis plugin is read from; empty installs none
     */
    public record Settings(Path nodeDir, Path home, Path javaHome, int httpPort, int transportPort, String heap,
                           Duration startTimeout, Optional<AnalysisPluginSource> pluginSource) {
    }

    private final Settings settings;
    private final Path nodeDir;
    private final Path configDir;
    private final Path dataDir;
    private final Path logsDir;
    private final Path tmpDir;
    private final Path pidFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path home;
    private Process process;
    private Thread shutdownHook;
    private int httpPort;
    private Duration startupTime;

    public ElasticsearchNode(Settings settings) {
        this.settings = settings;
        this.nodeDir = settings.nodeDir().toAbsolutePath().normalize();
        this.configDir = nodeDir.resolve("config");
        this.dataDir = nodeDir.resolve("data");
        this.logsDir = nodeDir.resolve("logs");
        this.tmpDir = nodeDir.resolve("tmp");
        this.pidFile = nodeDir.resolve(PID_FILE);
        this.home = settings.home().toAbsolutePath().normalize();
    }

    /** Starts the node and waits until it is healthy; returns this. */
    public synchronized ElasticsearchNode start() {
        if (process != null) {
            throw new IllegalStateException("Elasticsearch node already started at " + url());
        }
        long started = System.nanoTime();
        try {
            for (Path dir : List.of(nodeDir, configDir, dataDir, logsDir, tmpDir)) {
                Files.createDirectories(dir);
                NodeFiles.ownerOnly(dir);
            }
            NodeProcesses.cleanUpStaleNode(nodeDir);
            if (NodeFiles.runningAsRoot()) {
                NodeFiles.requireReachableByNode(nodeDir);
                home = NodeFiles.reachableDistribution(home);
            }
            Path plugins = home.resolve("plugins");
            settings.pluginSource().ifPresent(source -> source.installInto(plugins));
            httpPort = settings.httpPort() == 0 ? freePort() : settings.httpPort();
            int transportPort = settings.transportPort() == 0 ? freePort() : settings.transportPort();
            writeConfig(transportPort);
            Path console = logsDir.resolve("console.log");
            if (!Files.exists(console)) {
                Files.createFile(console);
            }
            NodeFiles.restrictToOwner(nodeDir); // the copied config, and whatever an older version left readable by others
            if (NodeFiles.runningAsRoot()) {
                NodeFiles.handOverToUnprivilegedUser(nodeDir);
            }
            process = launch();
            writePidFile();
            shutdownHook = new Thread(this::stop, "elasticsearch-node-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            awaitHealthy(started);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("Could not start Elasticsearch in " + nodeDir, e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - started);
        log.info("Elasticsearch node ready at {} in {} ms (data in {}, pid {}, server pid {})",
                url(), startupTime.toMillis(), dataDir, process.pid(), serverPid().map(String::valueOf).orElse("?"));
        return this;
    }

    /** Stops the node (SIGTERM, then SIGKILL after {@code 30 s}) and removes the pid file. Idempotent. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process stopping = process;
        process = null;
        List<ProcessHandle> tree = new ArrayList<>(stopping.descendants().toList());
        tree.add(0, stopping.toHandle());
        // the server JVM outlives a launcher that died first (e.g. of a signal to the whole process group)
        NodeProcesses.processesOf(nodeDir).filter(handle -> !tree.contains(handle)).forEach(tree::add);
        NodeProcesses.terminate(tree);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", pidFile, e.toString());
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway and finds nothing to do
            }
        }
        shutdownHook = null;
        log.info("Elasticsearch node on port {} stopped", httpPort);
    }

    @Override
    public void close() {
        stop();
    }

    /** The HTTP address, e.g. {@code http://127.0.0.1:9200}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The launched process id (the Elasticsearch launcher, whose child is the server JVM). */
    public Optional<Long> pid() {
        Process current = process;
        return current == null ? Optional.empty() : Optional.of(current.pid());
    }

    /** The server JVM's process id: the process that answers HTTP (the launcher's child), while it runs. */
    public Optional<Long> serverPid() {
        Process current = process;
        if (current == null) {
            return Optional.empty();
        }
        return current.descendants()
                .filter(handle -> NodeProcesses.commandLine(handle.pid()).contains("org.elasticsearch.bootstrap.Elasticsearch"))
                .map(ProcessHandle::pid)
                .findFirst();
    }

    /** The launched process's exit code, once it has exited. */
    public Optional<Integer> exitCode() {
        Process current = process;
        return current == null || current.isAlive() ? Optional.empty() : Optional.of(current.exitValue());
    }

    public Path nodeDir() {
        return nodeDir;
    }

    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Kills what a crashed owner left behind in {@code nodeDir}: the processes named in the pid file and
     * any other process whose command line shows it is an Elasticsearch of this node directory, then
     * removes the pid file and the node lock. Refuses when the recorded owner, another JVM, is still
     * alive: the node is in use. See {@link NodeProcesses}.
     *
     * @return the ids of the processes it stopped
     */
    public static List<Long> cleanUpStaleNode(Path nodeDir) {
        return NodeProcesses.cleanUpStaleNode(nodeDir);
    }

    /** The command line of a process, arguments separated by spaces; empty if it does not exist. */
    static String commandLine(long pid) {
        return NodeProcesses.commandLine(pid);
    }

    /** Whether the unprivileged user that runs the node (under root) can reach {@code path}; see {@link NodeFiles}. */
    public static boolean reachableByOthers(Path path) {
        return NodeFiles.reachableByOthers(path);
    }

    private void writePidFile() throws IOException {
        Files.writeString(pidFile, "# Written by Kehu; removed when the node stops. A leftover means a crash.\n"
                + "owner=" + ProcessHandle.current().pid() + "\n"
                + "node=" + process.pid() + "\n");
        Files.setPosixFilePermissions(pidFile, PosixFilePermissions.fromString("rw-------"));
    }

    private void writeConfig(int transportPort) throws IOException {
        Path distributionConfig = home.resolve("config");
        try (Stream<Path> files = Files.walk(distributionConfig)) {
            for (Path source : files.toList()) {
                Path target = configDir.resolve(distributionConfig.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(source, target);
                }
            }
        }
        String yml = """
                # Written by Kehu at every start of the embedded node; edits are lost.
                cluster.name: kehu-embedded
                node.name: kehu-embedded
                network.host: 127.0.0.1
                http.port: %d
                transport.port: %d
                discovery.type: single-node
                xpack.security.enabled: false
                # a developer's nearly full disk must not turn the indices read-only
                cluster.routing.allocation.disk.threshold_enabled: false
                path.data: %s
                path.logs: %s
                """.formatted(httpPort, transportPort, dataDir, logsDir);
        Files.writeString(configDir.resolve("elasticsearch.yml"), yml);
    }

    private Process launch() throws IOException {
        // files the node creates (data, logs) readable by their owner only
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask 077 && exec \"$@\"", "elasticsearch"));
        if (NodeFiles.runningAsRoot()) {
            command.addAll(List.of("setpriv", "--reuid=" + NodeFiles.UNPRIVILEGED_ID, "--regid=" + NodeFiles.UNPRIVILEGED_ID, "--clear-groups"));
        }
        command.add(home.resolve("bin").resolve("elasticsearch").toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(logsDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logsDir.resolve("console.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.put("ES_PATH_CONF", configDir.toString());
        env.put("ES_JAVA_HOME", settings.javaHome().toString());
        env.put("ES_JAVA_OPTS", "-Xms" + settings.heap() + " -Xmx" + settings.heap());
        env.put("ES_TMPDIR", tmpDir.toString());
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        log.info("Starting Elasticsearch from {} in {} (http port {})", home, nodeDir, httpPort);
        return builder.start();
    }

    private void awaitHealthy(long startedNanos) {
        long deadline = startedNanos + settings.startTimeout().toNanos();
        URI health = URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited with code " + process.exitValue()
                        + " during start-up; its output:\n" + NodeFiles.tail(logsDir.resolve("console.log")));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Elasticsearch", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Elasticsearch did not become healthy within "
                        + settings.startTimeout().toSeconds() + " s (kehu.elasticsearch.embedded.start-timeout); its output:\n"
                        + NodeFiles.tail(logsDir.resolve("console.log")));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Elasticsearch", e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
