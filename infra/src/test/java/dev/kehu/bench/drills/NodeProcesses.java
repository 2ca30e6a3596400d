package dev.kehu.bench.drills;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes a drill started, found by their command lines in {@code /proc} (Linux only). Every process of a
 * drill run names the run's own directory in its command line (the application's {@code --kehu.data-dir}, the
 * Elasticsearch node's {@code -Djava.io.tmpdir}), so nothing outside the run is ever matched. The Elasticsearch
 * node is a grandchild of the application (launcher, then server JVM) and outlives a {@code kill -9} of it, so
 * {@code ProcessHandle.descendants()} cannot find it after a crash; the command line can.
 */
public final class NodeProcesses {

    /** The main class of the Elasticsearch server JVM (its launcher runs {@code org.elasticsearch.launcher.…}). */
    private static final String SERVER_MAIN = "org.elasticsearch.bootstrap.Elasticsearch";

    private NodeProcesses() {
    }

    /** The Elasticsearch server JVM whose files lie under {@code dataDir}, if one runs. */
    public static Optional<ProcessHandle> elasticsearchServer(Path dataDir) {
        String dir = dataDir.toAbsolutePath().normalize() + "/";
        return running().filter(pid -> {
            String cmdline = commandLine(pid);
            return cmdline.contains(SERVER_MAIN) && cmdline.contains(dir);
        }).findFirst().flatMap(ProcessHandle::of);
    }

    /** Every process whose command line names {@code root} (or a path under it). */
    public static List<ProcessHandle> under(Path root) {
        String dir = root.toAbsolutePath().normalize().toString();
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new ArrayList<>();
        running().filter(pid -> pid != self && commandLine(pid).contains(dir))
                .forEach(pid -> ProcessHandle.of(pid).ifPresent(found::add));
        return found;
    }

    /**
     * Sends a signal ({@code STOP}, {@code CONT}, {@code KILL}) to one process with {@code kill}, which Java cannot
     * do for STOP and CONT itself.
     */
    public static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " " + pid + " did not return");
            }
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending " + signal + " to " + pid, e);
        }
    }

    /**
     * Kills every process of the run under {@code root} (continuing a stopped one first, so that nothing stays
     * frozen) and waits for them to exit; returns their pids.
     */
    public static List<Long> killAllUnder(Path root) {
        List<ProcessHandle> left = under(root);
        for (ProcessHandle handle : left) {
            try {
                signal(handle.pid(), "CONT");
            } catch (IllegalStateException gone) {
                // exited meanwhile
            }
            handle.destroyForcibly();
        }
        for (ProcessHandle handle : left) {
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                // reported by the caller through a second look
            }
        }
        return left.stream().map(ProcessHandle::pid).toList();
    }

    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    private static Stream<Long> running() {
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            return proc.map(p -> p.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }
}
