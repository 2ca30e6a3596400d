package dev.kehu.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kehu.bench.drills.BadInputDrill;
import dev.kehu.bench.drills.CommitRateDrill;
import dev.kehu.bench.drills.CommitRateMeasurement;
import dev.kehu.bench.drills.CrashDrill;
import dev.kehu.bench.drills.Drill;
import dev.kehu.bench.drills.DrillContext;
import dev.kehu.bench.drills.FreezeDrill;
import dev.kehu.bench.drills.Http;
import dev.kehu.bench.drills.KillDrill;
import dev.kehu.bench.drills.SeededBadRequests;

/**
 * The fault drills of "Trust first" (not a test):
 * {@code mvn -q -Pbench -DskipTests verify -pl infra -am -Dbench=ReliabilityDrills}, or only some of them with
 * {@code -Ddrills=crash,freeze,bad-input,kill,commit-rate} (a comma-separated subset, run in this order).
 *
 * <p>Runs the real application ({@code dev.kehu.KehuApplication}) as a child process on its embedded default
 * (MongoDB-wire server on an H2 file, an Elasticsearch node it starts itself), with its data and the logs of every
 * child under {@code target/drills/<run>/}, drives it over HTTP on 127.0.0.1 and breaks it:
 * <ol>
 *   <li>{@link CrashDrill}: {@code kill -9} under load, restart, acknowledged commits, phantoms, view rebuild;</li>
 *   <li>{@link FreezeDrill}: the Elasticsearch node frozen (SIGSTOP) for 60 s under commands and 200 searches;</li>
 *   <li>{@link BadInputDrill}: 2,400 malformed requests;</li>
 *   <li>{@link KillDrill}: the Elasticsearch node killed, whether it comes back and catches up;</li>
 *   <li>{@link CommitRateDrill}: commits/s with and without durable acknowledgement.</li>
 * </ol>
 * The drills share one application where they can (the crash drill leaves its rebuilt application running for the
 * next). Every phase is bounded in time; the whole run takes about 10–13 minutes. A full run writes
 * {@code bench-results/drills.json}; a partial run writes {@code drills.json} into its run directory only, so that
 * it never replaces the full figures. Every process the run started is gone at the end (also on Ctrl-C).
 */
public final class ReliabilityDrills {

    static final List<String> ORDER = List.of("crash", "freeze", "bad-input", "kill", "commit-rate");
    private static final long SEED = 20261207L;

    private ReliabilityDrills() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        String requested = System.getProperty("drills", "all").trim();
        List<String> names = requested.isEmpty() || requested.equals("all") ? ORDER
                : Arrays.stream(requested.split(",")).map(String::trim).toList();
        for (String name : names) {
            if (!ORDER.contains(name)) {
                throw new IllegalArgumentException("unknown drill " + name + "; known: " + ORDER);
            }
        }
        List<Drill> drills = ORDER.stream().filter(names::contains).map(ReliabilityDrills::drill).toList();
        Path runDir = Path.of("target", "drills", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Map<String, Object> results = keys();
        boolean failed = false;
        DrillContext context = new DrillContext(runDir, SEED);
        Thread cleanUp = new Thread(context::close, "drills-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            for (Drill drill : drills) {
                long phase = System.nanoTime();
                DrillContext.log("=== %s", drill.name());
                try {
                    drill.run(context, results);
                } catch (Exception | AssertionError e) {
                    failed = true;
                    results.put(drill.name().replace('-', '_') + "_error", e.toString());
                    DrillContext.log("%s failed: %s", drill.name(), e);
                    e.printStackTrace(System.out);
                }
                results.put(drill.name().replace('-', '_') + "_phase_seconds", seconds(phase));
            }
        } finally {
            context.close();
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
        results.put("targets", targets(results, names));
        results.put("drills_run", names);
        results.put("app_start_seconds", context.startSeconds());
        results.put("date", LocalDate.now().toString());
        results.put("runtime_seconds", seconds(started));
        results.put("run_directory", runDir.toString());
        String json = Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n";
        Files.writeString(runDir.resolve("drills.json"), json, StandardCharsets.UTF_8);
        if (names.equals(ORDER)) {
            Path out = Path.of("bench-results", "drills.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, json, StandardCharsets.UTF_8);
        }
        System.out.println(json);
        if (!failed) {
            deleteTree(context.dataDir());
            deleteTree(runDir.resolve("commit-rate"));
        }
        System.exit(0);
    }

    private static Drill drill(String name) {
        return switch (name) {
            case "crash" -> new CrashDrill();
            case "freeze" -> new FreezeDrill();
            case "bad-input" -> new BadInputDrill(new SeededBadRequests(SEED));
            case "kill" -> new KillDrill();
            case "commit-rate" -> new CommitRateDrill(commitRate());
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** {@link CommitRate}: durable and not durable, measured side by side in the same run. */
    static CommitRateMeasurement commitRate() {
        return workDir -> {
            CommitRate.Figures figures = CommitRate.measure();
            return new CommitRateMeasurement.CommitRates(figures.durable(), figures.notDurable(),
                    "CommitRate: single-event commits/s through MongoEventStorageEngine, 4 threads, H2 file store with"
                            + " durable replies beside the same store with H2's own once-a-second commit, windows alternating");
        };
    }

    /** The keys of the issue, in its order, null until a drill fills them. */
    private static Map<String, Object> keys() {
        Map<String, Object> results = new LinkedHashMap<>();
        for (String key : List.of("acknowledged", "lost_acknowledged", "phantoms", "views_equal_rebuild",
                "freeze_commands_failed", "freeze_command_p99_ms", "freeze_search_fail_fast_ms",
                "es_restart_seconds", "es_restarted", "es_changes_searchable",
                "bad_input_5xx", "bad_input_not_problem_json", "bad_input_writes",
                "commit_rate_durable", "commit_rate_not_durable")) {
            results.put(key, null);
        }
        return results;
    }

    private record Target(String drill, String key, String target, Predicate<Object> met) {
    }

    private static Map<String, Object> targets(Map<String, Object> results, List<String> run) {
        List<Target> targets = new ArrayList<>(List.of(
                new Target("crash", "lost_acknowledged", "0", v -> number(v) == 0),
                new Target("crash", "phantoms", "0", v -> number(v) == 0),
                new Target("crash", "views_equal_rebuild", "true", Boolean.TRUE::equals),
                new Target("freeze", "freeze_commands_failed", "0", v -> number(v) == 0),
                new Target("freeze", "freeze_command_p99_ms", "< 1000", v -> number(v) < 1000),
                new Target("freeze", "freeze_search_fail_fast_ms", "< 2000", v -> number(v) < 2000),
                new Target("kill", "es_restarted", "true", Boolean.TRUE::equals),
                new Target("kill", "es_changes_searchable", "true", Boolean.TRUE::equals),
                new Target("bad-input", "bad_input_5xx", "0", v -> number(v) == 0),
                new Target("bad-input", "bad_input_not_problem_json", "0", v -> number(v) == 0),
                new Target("bad-input", "bad_input_writes", "0", v -> number(v) == 0),
                new Target("commit-rate", "commit_rate_durable", "measured beside commit_rate_not_durable",
                        v -> v != null && results.get("commit_rate_not_durable") != null)));
        Map<String, Object> out = new LinkedHashMap<>();
        for (Target target : targets) {
            Object value = results.get(target.key());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("target", target.target());
            entry.put("value", value);
            // not run → null; run without a value (the drill failed, or nothing to measure) → not met
            entry.put("met", !run.contains(target.drill()) ? null : value != null && target.met().test(value));
            out.put(target.key(), entry);
        }
        return out;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static double seconds(long fromNanos) {
        return Math.round((System.nanoTime() - fromNanos) / 1e8) / 10.0;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
