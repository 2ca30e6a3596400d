package dev.kehu.infra.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.kehu.infra.elasticsearch.LocalElasticsearchNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Elasticsearch node, kept running: started in the background (the application serves
 * commands and MongoDB views meanwhile; searches answer 503 until it is ready), watched through its process,
 * and restarted when it exits, after 1 s, 2 s, 4 s … at most {@value #MAX_BACKOFF_SECONDS} s (the wait
 * starts again from 1 s once a node has run for {@value #STABLE_SECONDS} s). Always on the same ports and
 * data directory, so clients keep their address and the data is still there; search projections, which
 * retry failed batches, catch up by themselves.
 *
 * <p>The ports are chosen once (for a configured 0: the port of the last run, recorded in the node directory,
 * when it is free, else a free one) and kept for every restart. While another
 * process holds one of them, every restart fails (state {@link State#FAILED}, the error in
 * {@link Status#lastError()}) and is retried with the same back-off.
 */
public final class SupervisedElasticsearchNode implements AutoCloseable, LocalElasticsearchNode {

    private static final Logger log = LoggerFactory.getLogger(SupervisedElasticsearchNode.class);
    static final long MAX_BACKOFF_SECONDS = 60;
    static final long STABLE_SECONDS = 60;
    /** In the node directory: the ports chosen for 0, tried first at the next start. */
    static final String PORTS_FILE = "kehu-elasticsearch.ports";

    /** Where the node stands. */
    public enum State {
        /** The first start is under way. */
        STARTING,
        /** Healthy at the last start; its process is alive. */
        RUNNING,
        /** Its process exited; a restart is scheduled or under way. */
        RESTARTING,
        /** The last start attempt failed; the next one is scheduled ({@link Status#nextAttemptAt()}). */
        FAILED,
        /** Stopped with the application. */
        STOPPED
    }

    /**
     * What operators and drills need.
     *
     * @param pid        the launched process (Elasticsearch's launcher JVM)
     * @param serverPid  the server JVM that answers HTTP (the one to freeze with SIGSTOP in a drill)
     * @param restarts   restarts after an exit of the node's process (successful or not)
     * @param lastExit   the last unexpected exit of its process, if any
     * @param lastError  why the last start attempt failed, if it did
     */
    public record Status(State state, String url, Optional<Long> pid, Optional<Long> serverPid, int restarts,
                         Optional<Instant> runningSince, Optional<Exit> lastExit, Optional<String> lastError,
                         Optional<Instant> nextAttemptAt) {
    }

    /** An exit of the node's process that nobody asked for. */
    public record Exit(Instant at, Optional<Integer> exitCode, long pid, Duration ranFor) {
    }

    private final ElasticsearchNode node;
    private final String url;
    private final Clock clock;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "elasticsearch-supervisor");
        thread.setDaemon(true);
        return thread;
    });

    private State state = State.STARTING;
    private int restarts;
    private int failuresInARow;
    private long generation;
    private Instant runningSince;
    private Exit lastExit;
    private String lastError;
    private Instant nextAttemptAt;

    /** A node with these settings, ports fixed now (0 becomes a free port) so that restarts keep them. */
    public SupervisedElasticsearchNode(ElasticsearchNode.Settings settings) {
        this(settings, Clock.systemUTC());
    }

    SupervisedElasticsearchNode(ElasticsearchNode.Settings settings, Clock clock) {
        Properties remembered = rememberedPorts(settings.nodeDir());
        int httpPort = port(settings.httpPort(), remembered.getProperty("http"));
        int transportPort = port(settings.transportPort(), remembered.getProperty("transport"));
        rememberPorts(settings.nodeDir(), httpPort, transportPort);
        ElasticsearchNode.Settings fixed = new ElasticsearchNode.Settings(settings.nodeDir(), settings.home(),
                settings.javaHome(), httpPort, transportPort, settings.heap(), settings.startTimeout(), settings.pluginSource());
        this.node = new ElasticsearchNode(fixed);
        this.url = "http://127.0.0.1:" + fixed.httpPort(); // the node knows its port only once started
        this.clock = clock;
    }

    /** Starts the node in the background and returns at once; {@link #status()} tells when it runs. */
    public SupervisedElasticsearchNode startInBackground() {
        supervisor.execute(() -> attemptStart(false));
        return this;
    }

    /** Starts the node and waits until it runs (or the first attempt failed: then throws; restarts go on). */
    public SupervisedElasticsearchNode startAndWait(Duration timeout) {
        startInBackground();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Status status = status();
            if (status.state() == State.RUNNING) {
                return this;
            }
            if (status.state() == State.FAILED) {
                throw new IllegalStateException("Elasticsearch did not start: " + status.lastError().orElse("?"));
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("Elasticsearch did not start within " + timeout);
    }

    /** The HTTP address; the same across restarts. */
    @Override
    public Map<String, Object> describe() {
        Map<String, Object> answer = new LinkedHashMap<>();
        Status status = status();
        answer.put("state", status.state().name().toLowerCase());
        answer.put("pid", status.pid().orElse(null));
        answer.put("serverPid", status.serverPid().orElse(null));
        answer.put("restarts", status.restarts());
        answer.put("runningSince", status.runningSince().map(Object::toString).orElse(null));
        answer.put("lastExit", status.lastExit().map(exit -> {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("at", exit.at().toString());
            last.put("pid", exit.pid());
            last.put("exitCode", exit.exitCode().orElse(null));
            last.put("ranForSeconds", exit.ranFor().toSeconds());
            return last;
        }).orElse(null));
        answer.put("lastError", status.lastError().orElse(null));
        answer.put("nextAttemptAt", status.nextAttemptAt().map(Object::toString).orElse(null));
        return answer;
    }

    @Override
    public String url() {
        return url;
    }

    public ElasticsearchNode node() {
        return node;
    }

    public synchronized Status status() {
        boolean up = state == State.RUNNING;
        return new Status(state, url, up ? node.pid() : Optional.empty(), up ? node.serverPid() : Optional.empty(),
                restarts, Optional.ofNullable(up ? runningSince : null), Optional.ofNullable(lastExit),
                Optional.ofNullable(lastError), Optional.ofNullable(nextAttemptAt));
    }

    /** Stops supervising and the node (SIGTERM, SIGKILL after 30 s). */
    public void stop() {
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            state = State.STOPPED;
            generation++;
            nextAttemptAt = null;
        }
        supervisor.shutdownNow();
        try {
            supervisor.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        node.stop();
    }

    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    @Override
    public void close() {
        stop();
    }

    private void attemptStart(boolean restart) {
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            nextAttemptAt = null;
        }
        try {
            node.stop(); // a previous process (and a server JVM its launcher left behind) goes first
            node.start();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopped meanwhile
            }
            long delay;
            synchronized (this) {
                if (state == State.STOPPED) {
                    return;
                }
                state = State.FAILED;
                lastError = firstLine(e);
                delay = backoffSeconds(failuresInARow++);
                nextAttemptAt = clock.instant().plusSeconds(delay);
            }
            log.error("Elasticsearch node did not {}: {}; trying again in {} s", restart ? "restart" : "start", firstLine(e), delay);
            schedule(restart, delay);
            return;
        }
        long watched;
        Optional<Long> pid = node.pid();
        synchronized (this) {
            if (state == State.STOPPED) {
                return; // stop() stops the node itself
            }
            state = State.RUNNING;
            lastError = null;
            runningSince = clock.instant();
            watched = ++generation;
        }
        if (restart) {
            log.warn("Elasticsearch node restarted at {} (restart {}, pid {}, server pid {})", url, restarts,
                    pid.orElse(-1L), node.serverPid().orElse(-1L));
        }
        Optional<ProcessHandle> launcher = pid.flatMap(ProcessHandle::of);
        if (launcher.isEmpty()) {
            exited(watched, pid.orElse(-1L)); // gone already
            return;
        }
        launcher.get().onExit().thenRun(() -> exited(watched, launcher.get().pid()));
        node.serverPid().flatMap(ProcessHandle::of).ifPresent(handle -> handle.onExit().thenRun(() -> exited(watched, handle.pid())));
    }

    /** The launcher or the server JVM of generation {@code watched} exited. */
    private void exited(long watched, long pid) {
        long delay;
        Exit exit;
        synchronized (this) {
            if (watched != generation || state != State.RUNNING) {
                return; // a stop we asked for, or the other process of the same node already reported
            }
            if (jvmShuttingDown()) {
                // The node's own JVM shutdown hook stops it while Spring is still closing the context:
                // an exit we caused, not a crash to report or restart from.
                state = State.STOPPED;
                log.info("Elasticsearch node at {} stopped with the application (pid {})", url, pid);
                return;
            }
            Instant now = clock.instant();
            Duration ranFor = Duration.between(runningSince, now);
            if (ranFor.toSeconds() >= STABLE_SECONDS) {
                failuresInARow = 0;
            }
            exit = new Exit(now, node.exitCode(), pid, ranFor);
            lastExit = exit;
            state = State.RESTARTING;
            restarts++;
            generation++;
            delay = backoffSeconds(failuresInARow++);
            nextAttemptAt = now.plusSeconds(delay);
        }
        log.error("Elasticsearch node at {} exited (pid {}, exit code {}, after {} s); restarting it in {} s on the same ports",
                url, pid, exit.exitCode().map(String::valueOf).orElse("unknown"), exit.ranFor().toSeconds(), delay);
        schedule(true, delay);
    }

    /** Whether the JVM has begun its shutdown: adding a shutdown hook is refused from then on. */
    static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    private void schedule(boolean restart, long delaySeconds) {
        try {
            supervisor.schedule(() -> {
                synchronized (this) {
                    if (state == State.STOPPED) {
                        return;
                    }
                    if (restart) {
                        state = State.RESTARTING;
                    }
                }
                attemptStart(restart);
            }, delaySeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // stop() shut the supervisor down
        }
    }

    /** 1, 2, 4 … {@value #MAX_BACKOFF_SECONDS} seconds. */
    static long backoffSeconds(int failuresBefore) {
        return failuresBefore >= 6 ? MAX_BACKOFF_SECONDS : Math.min(MAX_BACKOFF_SECONDS, 1L << failuresBefore);
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * The configured port; for 0, the port this data directory's node had last time if it is free (so another
     * instance pointed at this node finds it again after this application restarts), else a free one.
     */
    private static int port(int configured, String remembered) {
        if (configured != 0) {
            return configured;
        }
        if (remembered != null) {
            try (ServerSocket socket = new ServerSocket(Integer.parseInt(remembered.trim()), 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException | IllegalArgumentException taken) {
                log.info("Elasticsearch's previous port {} is not free: choosing another", remembered);
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for Elasticsearch", e);
        }
    }

    private static Properties rememberedPorts(Path nodeDir) {
        Properties ports = new Properties();
        Path file = nodeDir.resolve(PORTS_FILE);
        if (Files.isRegularFile(file)) {
            try (var reader = Files.newBufferedReader(file)) {
                ports.load(reader);
            } catch (IOException e) {
                log.warn("Unreadable {}: {}", file, e.toString());
            }
        }
        return ports;
    }

    private static void rememberPorts(Path nodeDir, int httpPort, int transportPort) {
        try {
            Files.createDirectories(nodeDir);
            Files.writeString(nodeDir.resolve(PORTS_FILE), "# The embedded node's ports, reused at the next start when free.\n"
                    + "http=" + httpPort + "\ntransport=" + transportPort + "\n");
        } catch (IOException e) {
            log.warn("Could not record the Elasticsearch ports in {}: {}", nodeDir, e.toString());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Elasticsearch", e);
        }
    }
}
