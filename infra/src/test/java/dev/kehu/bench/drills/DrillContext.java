package dev.kehu.bench.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What the drills of one run share: the run's directory ({@code target/drills/<run>/}, with the application's
 * data directory and the logs of every child), the fixed ports, one HTTP client, the seeded name generator and the
 * application currently running, which a drill may leave running for the next one.
 */
public final class DrillContext implements AutoCloseable {

    /** Longest wait for the application to start (its Elasticsearch node alone may take 180 s on a busy machine). */
    public static final Duration START_BOUND = Duration.ofSeconds(300);

    private final Path runDir;
    private final Path dataDir;
    private final AppProcess.Ports ports = AppProcess.Ports.free();
    private final Http http = new Http();
    private final Names names = new Names();
    private final long seed;
    private final List<Double> startSeconds = new ArrayList<>();
    private AppProcess app;
    private int starts;

    public DrillContext(Path runDir, long seed) {
        this.runDir = runDir.toAbsolutePath().normalize();
        this.dataDir = this.runDir.resolve("data");
        this.seed = seed;
        try {
            Files.createDirectories(dataDir);
            // the Elasticsearch node runs as uid 65534 and must reach the data directory
            for (Path dir = dataDir; dir != null && dir.startsWith(this.runDir.getParent()); dir = dir.getParent()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Http http() {
        return http;
    }

    public Names names() {
        return names;
    }

    public long seed() {
        return seed;
    }

    public Path runDir() {
        return runDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The running application, started on the run's data directory if none runs (or the last one died). */
    public AppProcess app() {
        if (app == null || !app.isAlive()) {
            start("app");
        }
        return app;
    }

    /** Starts the application on the run's data directory (same ports every time) and waits until it serves. */
    public AppProcess start(String label) {
        if (app != null && app.isAlive()) {
            throw new IllegalStateException("the application still runs (pid " + app.pid() + ")");
        }
        starts++;
        long started = System.nanoTime();
        app = AppProcess.start(dataDir, ports, runDir.resolve("app-" + starts + "-" + label + ".log"));
        log("started the application (pid %d, log %s); waiting for it", app.pid(), app.logFile().getFileName());
        Duration took = app.awaitReady(http, START_BOUND, started);
        startSeconds.add(Timing.round(took.toMillis() / 1000.0));
        log("the application serves at %s after %.1f s", app.baseUrl(), took.toMillis() / 1000.0);
        return app;
    }

    /** Stops the running application gracefully (it stops its Elasticsearch node); returns whether it did in time. */
    public boolean stopApp() {
        if (app == null) {
            return true;
        }
        boolean stopped = app.stop(Duration.ofSeconds(60));
        app = null;
        return stopped;
    }

    /** Seconds every start of the application took, in order. */
    public List<Double> startSeconds() {
        return startSeconds;
    }

    /**
     * Waits until {@code GET /api/projections} shows every MongoDB view's group at the head of the log (lag 0,
     * position ≥ head ≥ {@code atLeastHead}); returns whether it did within the bound.
     */
    public boolean awaitViewsCaughtUp(long atLeastHead, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            Http.Answer answer = http.get(app().baseUrl() + "/api/projections", Duration.ofSeconds(10));
            JsonNode status = answer.status() == 200 ? answer.json() : null;
            if (status != null && status.size() > 0 && caughtUp(status, atLeastHead)) {
                return true;
            }
            Timing.sleep(500);
        }
        return false;
    }

    private static boolean caughtUp(JsonNode status, long atLeastHead) {
        for (JsonNode group : status) {
            long head = group.path("headPosition").asLong(-1);
            if (head < atLeastHead || group.path("lag").asLong(-1) != 0 || group.path("position").asLong(-1) < head) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the search endpoint answers 200; returns the seconds it took, or null if not within the bound. */
    public Double awaitSearchAnswers(Duration bound) {
        long started = System.nanoTime();
        long deadline = started + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (http.get(app().baseUrl() + "/api/search/customers?q=drill", Duration.ofSeconds(10)).status() == 200) {
                return Timing.seconds(started);
            }
            Timing.sleep(500);
        }
        return null;
    }

    /**
     * Waits until every segment of the customer search processor has a token at or past {@code head} (read from the
     * {@code tokens} collection); returns whether it did within the bound.
     */
    public boolean awaitSearchCaughtUp(MongoDatabase database, String processor, long head, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong lowest = lowestTokenIndex(database, processor);
            if (lowest.isPresent() && lowest.getAsLong() >= head) {
                return true;
            }
            Timing.sleep(500);
        }
        return false;
    }

    static OptionalLong lowestTokenIndex(MongoDatabase database, String processor) {
        long lowest = Long.MAX_VALUE;
        int segments = 0;
        for (BsonDocument segment : database.getCollection("tokens", BsonDocument.class)
                .find(Filters.eq("processorName", processor))) {
            OptionalLong index = index(segment.get("token"));
            if (index.isEmpty()) {
                return OptionalLong.empty();
            }
            lowest = Math.min(lowest, index.getAsLong());
            segments++;
        }
        return segments == 0 ? OptionalLong.empty() : OptionalLong.of(lowest);
    }

    /** The {@code index} of a stored tracking token, wherever it is nested (a replay token wraps another). */
    private static OptionalLong index(BsonValue value) {
        if (value == null || !value.isDocument()) {
            return OptionalLong.empty();
        }
        BsonDocument document = value.asDocument();
        if (document.containsKey("index") && document.get("index").isNumber()) {
            return OptionalLong.of(document.getNumber("index").longValue());
        }
        for (Map.Entry<String, BsonValue> entry : document.entrySet()) {
            OptionalLong nested = index(entry.getValue());
            if (nested.isPresent()) {
                return nested;
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Stops the application and kills whatever process of this run is left (an Elasticsearch node orphaned by a
     * crash, a frozen one); returns the pids it had to kill.
     */
    @Override
    public void close() {
        try {
            stopApp();
        } catch (RuntimeException e) {
            log("stopping the application failed: %s", e);
        }
        List<Long> killed = NodeProcesses.killAllUnder(runDir);
        if (!killed.isEmpty()) {
            log("killed processes left behind by the run: %s", killed);
        }
        List<ProcessHandle> still = NodeProcesses.under(runDir);
        if (!still.isEmpty()) {
            log("WARNING: processes of the run still alive: %s", still.stream().map(ProcessHandle::pid).toList());
        }
    }

    public static void log(String format, Object... args) {
        System.out.printf(java.util.Locale.ROOT, "[drills %tT] %s%n", System.currentTimeMillis(),
                String.format(java.util.Locale.ROOT, format, args));
    }
}
