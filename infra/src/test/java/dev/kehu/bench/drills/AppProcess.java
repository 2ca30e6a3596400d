package dev.kehu.bench.drills;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real application ({@code dev.kehu.KehuApplication}) as a child process on its embedded default: the
 * MongoDB-wire server on an H2 file and an Elasticsearch node it starts itself, all data under one data directory,
 * every port fixed by the drill (so that the drill can reach the embedded servers directly), output to a log file.
 */
public final class AppProcess {

    private static final String MAIN_CLASS = "dev.kehu.KehuApplication";

    /** The ports of one data directory: fixed for all its runs, so that a restart serves at the same addresses. */
    public record Ports(int http, int mongo, int elasticsearch) {

        public static Ports free() {
            return new Ports(freePort(), freePort(), freePort());
        }
    }

    private final Path dataDir;
    private final Ports ports;
    private final Path logFile;
    private final Process process;

    private AppProcess(Path dataDir, Ports ports, Path logFile, Process process) {
        this.dataDir = dataDir;
        this.ports = ports;
        this.logFile = logFile;
        this.process = process;
    }

    /** Starts the application on {@code dataDir}; call {@link #awaitReady} next. */
    public static AppProcess start(Path dataDir, Ports ports, Path logFile) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Daxoniq.update-checker.disabled=true",
                "-cp", applicationClasspath(),
                MAIN_CLASS,
                "--kehu.data-dir=" + dataDir.toAbsolutePath(),
                "--server.address=127.0.0.1",
                "--server.port=" + ports.http(),
                "--kehu.mongodb.embedded.port=" + ports.mongo(),
                "--kehu.elasticsearch.embedded.http-port=" + ports.elasticsearch()));
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return new AppProcess(dataDir, ports, logFile, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + MAIN_CLASS, e);
        }
    }

    /**
     * Waits until {@code GET /api/projections} answers 200 (the web server starts after both embedded servers are
     * up and the processors are registered); fails with the log's tail if the process dies or the bound passes.
     *
     * @return how long the start took
     */
    public Duration awaitReady(Http http, Duration bound, long startedNanos) {
        long deadline = startedNanos + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue()
                        + " during start-up; " + logFile + " ends with:\n" + logTail(40));
            }
            int status = http.get(baseUrl() + "/api/projections", Duration.ofSeconds(5)).status();
            if (status == 200) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            if (status == 401) {
                createDrillUser(http);
            }
            Timing.sleep(500);
        }
        throw new IllegalStateException("the application was not ready within " + bound.toSeconds() + " s; "
                + logFile + " ends with:\n" + logTail(40));
    }

    /** The drills act as this user (every role) over HTTP Basic; made on a fresh data directory by {@link #createDrillUser}. */
    public static final String DRILL_USER = "drill";
    static final String DRILL_PASSWORD = "drill password of the reliability drills";
    public static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder()
            .encodeToString((DRILL_USER + ":" + DRILL_PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final java.util.regex.Pattern ONE_TIME = java.util.regex.Pattern.compile("one-time password\\s+(\\S+)");

    /**
     * A fresh data directory has only the first admin, whose one-time password the application printed to its log:
     * set the admin's password, then create the drill user with every role. Nothing when the log has no such
     * password (a restart on an existing directory: the drill user exists already).
     */
    private void createDrillUser(Http http) {
        java.util.regex.Matcher printed;
        try {
            printed = ONE_TIME.matcher(Files.readString(logFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return;
        }
        if (!printed.find()) {
            return;
        }
        String oneTime = printed.group(1);
        String adminPassword = "admin password of the reliability drills";
        String admin = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        http.send("PUT", baseUrl() + "/api/me/password", Http.json(java.util.Map.of("currentPassword", oneTime,
                "password", adminPassword)), java.util.Map.of("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("admin:" + oneTime).getBytes(StandardCharsets.UTF_8))), Http.REQUEST_TIMEOUT);
        http.send("POST", baseUrl() + "/api/users", Http.json(java.util.Map.of("username", DRILL_USER, "name", "reliability drills",
                "roles", List.of("MANAGER", "INTEGRATION", "AUDITOR", "ADMIN"), "password", DRILL_PASSWORD)),
                java.util.Map.of("Authorization", admin), Http.REQUEST_TIMEOUT);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + ports.http();
    }

    public String elasticsearchUrl() {
        return "http://127.0.0.1:" + ports.elasticsearch();
    }

    public int mongoPort() {
        return ports.mongo();
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: the JVM dies at once; the Elasticsearch node it started is left running, as after a crash. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /**
     * SIGTERM (the application stops its Elasticsearch node, up to 30 s), then SIGKILL once {@code bound} passed.
     *
     * @return whether it stopped by itself
     */
    public boolean stop(Duration bound) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (awaitExit(bound)) {
            return true;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        return false;
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public Path logFile() {
        return logFile;
    }

    private boolean awaitExit(Duration bound) {
        try {
            return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * This JVM's classpath without test classes and test jars: the application's own runtime classpath (the
     * benchmark runs on infra's test classpath), so the child runs exactly the compiled code, and our test logging
     * configuration does not reach it.
     */
    static String applicationClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/")
                        && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
