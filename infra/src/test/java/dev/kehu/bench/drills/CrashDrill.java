package dev.kehu.bench.drills;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.query.search.CustomerSearchProjection;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Crash under load: 4 workers send the command mix for 60 s; 30 s in, right after the next acknowledgement
 * arrives, the application is killed with {@code kill -9} (its Elasticsearch node is left running, as a real crash leaves it) and restarted at once on the
 * same data directory, while the workers go on until their 60 s are over. Checked
 * against the restarted application's MongoDB and Elasticsearch:
 * <ul>
 *   <li>{@code lost_acknowledged}: acknowledged commands whose commit is not in the log: no event at the answered
 *       position with the answered aggregate id, or no event of that aggregate at the answered version;</li>
 *   <li>{@code phantoms}: documents of the customers index naming a customer that is not in the log;</li>
 *   <li>{@code views_equal_rebuild}: once the views caught up, the application is stopped, its views read from the
 *       H2 file and reset (collections, positions, tokens), and a third start rebuilds them from the log; every
 *       document must come back equal.</li>
 * </ul>
 */
public final class CrashDrill implements Drill {

    static final int WORKERS = 4;
    static final Duration LOAD = Duration.ofSeconds(60);
    static final Duration KILL_AFTER = Duration.ofSeconds(30);
    static final Duration KILL_WAIT = Duration.ofSeconds(10);
    static final int MAX_COMMANDS_PER_WORKER = 20_000;
    static final Duration CATCH_UP_BOUND = Duration.ofSeconds(180);
    private static final int EXAMPLES = 5;

    @Override
    public String name() {
        return "crash";
    }

    @Override
    public void run(DrillContext context, Map<String, Object> results) throws Exception {
        context.stopApp();
        AppProcess first = context.start("crash-load");
        Ledger ledger = new Ledger();
        long loadStart = System.nanoTime();
        long deadline = loadStart + LOAD.toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            CommandWorker worker = new CommandWorker(i, context.seed(), context.names(), context.http(),
                    first.baseUrl(), ledger);
            running.add(workers.submit(() -> worker.run(deadline, MAX_COMMANDS_PER_WORKER, () -> false)));
        }
        Timing.sleep(KILL_AFTER.toMillis());
        // the kill follows an acknowledgement by no more than a few milliseconds (a commit the client was just
        // told about is the one most at risk), waiting at most KILL_WAIT for one
        int seen = ledger.acknowledged();
        long waitUntil = System.nanoTime() + KILL_WAIT.toNanos();
        while (ledger.acknowledged() == seen && System.nanoTime() < waitUntil) {
            Thread.sleep(1);
        }
        long killedAt = System.nanoTime();
        first.kill();
        List<Ledger.Ack> beforeKill = ledger.acks();
        int acknowledgedBeforeKill = beforeKill.size();
        long lastAck = beforeKill.stream().mapToLong(Ledger.Ack::answeredAtNanos).filter(t -> t <= killedAt).max()
                .orElse(killedAt);
        results.put("crash_last_ack_ms_before_kill", Timing.round((killedAt - lastAck) / 1e6));
        DrillContext.log("kill -9 of the application (pid %d) after %.1f s of load, %d commands acknowledged",
                first.pid(), (killedAt - loadStart) / 1e9, acknowledgedBeforeKill);
        boolean nodeLeftRunning = NodeProcesses.elasticsearchServer(context.dataDir()).isPresent();
        // restarted at once, as a supervisor would; the workers go on until their 60 s are over, against the dead
        // port and then against the restarted application if it is back by then
        AppProcess restarted = context.start("crash-restart");
        for (Future<?> worker : running) {
            worker.get(LOAD.toSeconds() + 60, TimeUnit.SECONDS);
        }
        workers.shutdown();
        List<Ledger.Ack> acks = ledger.acks();
        results.put("acknowledged", acks.size());
        results.put("crash_commands_sent", ledger.sent().size());
        results.put("crash_command_statuses", Ledger.histogram(ledger.sent()));
        List<Double> answered = ledger.sent(s -> s.ok()).stream().map(Ledger.Sent::millis).toList();
        results.put("crash_acknowledged_p50_ms", Timing.percentile(answered, 50));
        results.put("crash_acknowledged_p99_ms", Timing.percentile(answered, 99));
        results.put("crash_acknowledged_before_kill", acknowledgedBeforeKill);
        results.put("crash_es_node_left_running_after_kill", nodeLeftRunning);

        try (EventLog log = new EventLog(restarted.mongoPort())) {
            checkAcknowledged(acks, killedAt, log, results);
            long head = log.head();
            boolean searchCaughtUp = context.awaitSearchCaughtUp(log.database(),
                    CustomerSearchProjection.PROCESSING_GROUP, head, CATCH_UP_BOUND);
            checkSearchIndex(context, restarted, log, searchCaughtUp, results);
            boolean viewsCaughtUp = context.awaitViewsCaughtUp(head, CATCH_UP_BOUND);
            results.put("crash_views_caught_up", viewsCaughtUp);
            results.put("crash_log_head_after_restart", head);
        }
        checkRebuild(context, results);
    }

    /** Looks up every acknowledged commit in the log: by position and aggregate id, and by aggregate id and version. */
    private static void checkAcknowledged(List<Ledger.Ack> acks, long killedAt, EventLog log, Map<String, Object> results) {
        List<Long> positions = acks.stream().map(Ledger.Ack::position).filter(java.util.Objects::nonNull).toList();
        Map<Long, BsonDocument> atPositions = log.atPositions(positions);
        Map<String, Set<Long>> sequences = log.sequences(acks.stream().map(Ledger.Ack::aggregateId).toList());
        int lost = 0;
        int lostByPosition = 0;
        int lostByVersion = 0;
        int withoutPosition = 0;
        double oldestLostMs = 0;
        List<String> examples = new ArrayList<>();
        for (Ledger.Ack ack : acks) {
            boolean positionHolds;
            if (ack.position() == null) {
                withoutPosition++;
                positionHolds = true;
            } else {
                BsonDocument stored = atPositions.get(ack.position());
                positionHolds = stored != null && !EventLog.isAbandoned(stored)
                        && ack.aggregateId().equals(stored.getString("aggregateId").getValue());
            }
            boolean versionHolds = sequences.getOrDefault(ack.aggregateId(), Set.of()).contains(ack.version());
            if (!positionHolds || !versionHolds) {
                lost++;
                lostByPosition += positionHolds ? 0 : 1;
                lostByVersion += versionHolds ? 0 : 1;
                oldestLostMs = Math.max(oldestLostMs, (killedAt - ack.answeredAtNanos()) / 1e6);
                if (examples.size() < EXAMPLES) {
                    examples.add(ack.command() + " " + ack.aggregateId() + " v" + ack.version() + " @" + ack.position()
                            + String.format(java.util.Locale.ROOT, " (acknowledged %.0f ms before the kill)",
                            (killedAt - ack.answeredAtNanos()) / 1e6));
                }
            }
        }
        results.put("lost_acknowledged", lost);
        results.put("lost_acknowledged_position_missing", lostByPosition);
        results.put("lost_acknowledged_version_missing", lostByVersion);
        results.put("lost_acknowledged_oldest_ms_before_kill", lost == 0 ? null : Timing.round(oldestLostMs));
        results.put("lost_acknowledged_examples", examples);
        results.put("acknowledged_without_position", withoutPosition);
        DrillContext.log("acknowledged %d, lost %d (position missing %d, version missing %d)",
                acks.size(), lost, lostByPosition, lostByVersion);
    }

    static final Duration INDEX_SETTLE_BOUND = Duration.ofSeconds(90);

    /** Phantoms (documents of customers not in the log) and, once the search processor caught up, missing ones. */
    private static void checkSearchIndex(DrillContext context, AppProcess app, EventLog log, boolean caughtUp,
                                         Map<String, Object> results) {
        Set<String> inLog = log.customerIds();
        Set<String> indexed = SearchIndex.customerIds(context.http(), app.elasticsearchUrl());
        Set<String> phantoms = new HashSet<>(indexed);
        phantoms.removeAll(inLog);
        Set<String> missing = new HashSet<>(inLog);
        missing.removeAll(indexed);
        // A processor's stored token can run a moment ahead of the bulk write it committed with, and a catch-up
        // after Elasticsearch comes back waits out its retry back-off: missing documents count only if they are
        // still missing after a bounded wait.
        long waitUntil = System.nanoTime() + INDEX_SETTLE_BOUND.toNanos();
        double settleStarted = System.nanoTime();
        while (!missing.isEmpty() && System.nanoTime() < waitUntil) {
            Timing.sleep(1000);
            indexed = SearchIndex.customerIds(context.http(), app.elasticsearchUrl());
            missing.removeAll(indexed);
        }
        results.put("crash_index_settle_seconds", Timing.round((System.nanoTime() - settleStarted) / 1e9));
        phantoms = new HashSet<>(indexed);
        phantoms.removeAll(inLog);
        results.put("phantoms", phantoms.size());
        results.put("phantom_examples", phantoms.stream().sorted().limit(EXAMPLES).toList());
        results.put("crash_customers_in_log", inLog.size());
        results.put("crash_customers_indexed", indexed.size());
        results.put("crash_search_caught_up", caughtUp);
        results.put("crash_customers_not_indexed", caughtUp ? missing.size() : null);
        // where the missing customers were registered, to tell a lost batch from a lost range
        List<Long> missingAt = new ArrayList<>();
        log.database().getCollection("events", BsonDocument.class)
                .find(com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.in("aggregateId", missing),
                        com.mongodb.client.model.Filters.eq("seq", 0L)))
                .forEach(document -> missingAt.add(document.getInt64("_id").getValue()));
        java.util.Collections.sort(missingAt);
        results.put("crash_not_indexed_registered_at", missingAt.size() > 40 ? missingAt.subList(0, 40) : missingAt);
        results.put("crash_not_indexed_examples", missing.stream().sorted().limit(EXAMPLES).toList());
        DrillContext.log("customers in the log %d, in the index %d, phantoms %d, not indexed %d (search caught up: %s)",
                inLog.size(), indexed.size(), phantoms.size(), missing.size(), caughtUp);
    }

    /**
     * Stops the restarted application, reads its views straight from its H2 file, resets them, starts the
     * application again to rebuild them from the log and compares; the rebuilt application stays running.
     */
    private static void checkRebuild(DrillContext context, Map<String, Object> results) {
        boolean stopped = context.stopApp();
        results.put("crash_restart_stopped_gracefully", stopped);
        Map<String, Map<BsonValue, BsonDocument>> before;
        long head;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.onFile(context.dataDir().resolve("mongodb"), 0);
             EventLog log = new EventLog(server.port())) {
            head = log.head();
            before = Views.read(log.database());
            long tokens = Views.reset(log.database());
            DrillContext.log("read %d view documents from the H2 file, reset the views (%d tokens deleted)",
                    before.values().stream().mapToInt(Map::size).sum(), tokens);
        }
        AppProcess rebuilt = context.start("crash-rebuild");
        long rebuildStart = System.nanoTime();
        boolean caughtUp = context.awaitViewsCaughtUp(head, CATCH_UP_BOUND);
        results.put("rebuild_seconds_after_start", caughtUp ? Timing.seconds(rebuildStart) : null);
        Map<String, Map<BsonValue, BsonDocument>> after;
        try (EventLog log = new EventLog(rebuilt.mongoPort())) {
            after = Views.read(log.database());
        }
        Views.Comparison comparison = Views.compare(before, after);
        results.put("views_equal_rebuild", caughtUp && comparison.equal());
        results.put("view_documents", comparison.documents());
        results.put("view_documents_missing_after_rebuild", comparison.onlyBefore());
        results.put("view_documents_only_after_rebuild", comparison.onlyAfter());
        results.put("view_documents_different", comparison.different());
        results.put("view_difference_examples", comparison.examples());
        DrillContext.log("views: %d documents, rebuild caught up %s, equal %s %s", comparison.documents(), caughtUp,
                comparison.equal(), comparison.examples());
    }
}
