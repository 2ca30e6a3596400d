package dev.kehu.bench.drills;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elasticsearch killed: {@code kill -9} of the node's server JVM. Meanwhile a client registers a company every
 * 2 s (at most {@value #MAX_REGISTRATIONS}), each with an invented latin word in its name, and the search endpoint
 * is asked every second until it answers 200 again ({@code es_restart_seconds}; null and
 * {@code es_restarted: false} when it does not within {@value #RESTART_BOUND_SECONDS} s). Then every customer
 * registered meanwhile must be found by search by its word within {@value #SEARCHABLE_BOUND_SECONDS} s
 * ({@code es_changes_searchable}).
 */
public final class KillDrill implements Drill {

    static final int RESTART_BOUND_SECONDS = 180;
    static final int SEARCHABLE_BOUND_SECONDS = 90;
    static final int MAX_REGISTRATIONS = 20;
    static final long REGISTRATION_PAUSE_MILLIS = 2_000;

    @Override
    public String name() {
        return "kill";
    }

    @Override
    public void run(DrillContext context, Map<String, Object> results) throws Exception {
        AppProcess app = context.app();
        if (context.awaitSearchAnswers(Duration.ofSeconds(120)) == null) {
            throw new IllegalStateException("search does not answer before the kill; " + app.logTail(20));
        }
        ProcessHandle node = NodeProcesses.elasticsearchServer(context.dataDir())
                .orElseThrow(() -> new IllegalStateException("no Elasticsearch server process under " + context.dataDir()));
        Ledger ledger = new Ledger();
        CommandWorker client = new CommandWorker(200, context.seed(), context.names(), context.http(), app.baseUrl(),
                ledger);
        Map<String, String> registered = new LinkedHashMap<>();
        NodeProcesses.signal(node.pid(), "KILL");
        long killedAt = System.nanoTime();
        DrillContext.log("kill -9 of the Elasticsearch server (pid %d); waiting up to %d s for search to answer",
                node.pid(), RESTART_BOUND_SECONDS);
        long deadline = killedAt + Duration.ofSeconds(RESTART_BOUND_SECONDS).toNanos();
        long nextRegistration = killedAt;
        Double restartSeconds = null;
        List<String> searchStatuses = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextRegistration && registered.size() < MAX_REGISTRATIONS) {
                String word = Names.word(context.names().next());
                String id = client.registerCompany(word);
                if (id != null) {
                    registered.put(id, word);
                }
                nextRegistration = System.nanoTime() + REGISTRATION_PAUSE_MILLIS * 1_000_000;
            }
            Http.Answer search = context.http().get(app.baseUrl() + "/api/search/customers?q=drill", Duration.ofSeconds(10));
            if (searchStatuses.isEmpty() || !searchStatuses.get(searchStatuses.size() - 1).equals(search.label())) {
                searchStatuses.add(search.label());
            }
            if (search.status() == 200) {
                restartSeconds = Timing.seconds(killedAt);
                break;
            }
            Timing.sleep(1_000);
        }
        results.put("es_restart_seconds", restartSeconds);
        results.put("es_restarted", restartSeconds != null);
        results.put("es_node_running_after_drill", NodeProcesses.elasticsearchServer(context.dataDir()).isPresent());
        results.put("es_kill_search_statuses_in_order", searchStatuses);
        results.put("es_kill_commands", Ledger.histogram(ledger.sent()));
        results.put("es_changes_registered", registered.size());
        int found = 0;
        if (restartSeconds != null) {
            long searchableDeadline = System.nanoTime() + Duration.ofSeconds(SEARCHABLE_BOUND_SECONDS).toNanos();
            List<Map.Entry<String, String>> pending = new ArrayList<>(registered.entrySet());
            while (!pending.isEmpty() && System.nanoTime() < searchableDeadline) {
                pending.removeIf(entry -> SearchIndex.finds(context.http(), app.baseUrl(), entry.getValue(), entry.getKey()));
                if (!pending.isEmpty()) {
                    Timing.sleep(1_000);
                }
            }
            found = registered.size() - pending.size();
        }
        results.put("es_changes_found", found);
        results.put("es_changes_searchable", restartSeconds != null && !registered.isEmpty() && found == registered.size());
        DrillContext.log("Elasticsearch killed: search back after %s s; %d of %d customers registered meanwhile found",
                restartSeconds, found, registered.size());
    }
}
