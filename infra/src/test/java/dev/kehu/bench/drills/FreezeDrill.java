package dev.kehu.bench.drills;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Elasticsearch frozen: the node's server JVM gets {@code SIGSTOP} for 60 s (then {@code SIGCONT}) while 2
 * command workers send the command mix and 200 search clients each send a search, wait a second, and search again.
 * Only what was sent while the node was frozen counts:
 * <ul>
 *   <li>{@code freeze_commands_failed}: commands that did not answer 2xx within the 30 s client timeout;</li>
 *   <li>{@code freeze_command_p99_ms}: p99 of those commands' latencies (timeouts count as 30 s);</li>
 *   <li>{@code freeze_search_fail_fast_ms}: p99 of the latencies of the searches that failed (a 503, any other
 *       error, or a timeout counted at the time it took), i.e. how fast search tells a client it cannot answer.
 *       {@code freeze_search_503_p99_ms} is the same over the 503 answers alone.</li>
 * </ul>
 */
public final class FreezeDrill implements Drill {

    static final long FREEZE_MILLIS = 60_000;
    static final int COMMAND_WORKERS = 2;
    static final int SEARCH_CLIENTS = 200;
    static final long SEARCH_PAUSE_MILLIS = 1_000;
    static final long WARM_UP_MILLIS = 3_000;
    private static final List<String> QUERIES = List.of("星辰", "Huayuan", "科技", "Shanghai Trading", "锦程物流",
            "dingsheng", "有限公司", "Zhang Wei", "139", "医药");

    @Override
    public String name() {
        return "freeze";
    }

    @Override
    public void run(DrillContext context, Map<String, Object> results) throws Exception {
        AppProcess app = context.app();
        Double searchReady = context.awaitSearchAnswers(java.time.Duration.ofSeconds(120));
        if (searchReady == null) {
            throw new IllegalStateException("search does not answer before the freeze; " + app.logTail(20));
        }
        ProcessHandle node = NodeProcesses.elasticsearchServer(context.dataDir())
                .orElseThrow(() -> new IllegalStateException("no Elasticsearch server process under " + context.dataDir()));
        Ledger commands = new Ledger();
        Ledger searches = new Ledger();
        AtomicBoolean stop = new AtomicBoolean();
        long hardDeadline = System.nanoTime() + (WARM_UP_MILLIS + FREEZE_MILLIS + 60_000) * 1_000_000;
        ExecutorService commandPool = Executors.newFixedThreadPool(COMMAND_WORKERS);
        ExecutorService searchPool = Executors.newFixedThreadPool(SEARCH_CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < COMMAND_WORKERS; i++) {
            CommandWorker worker = new CommandWorker(100 + i, context.seed(), context.names(), context.http(),
                    app.baseUrl(), commands);
            running.add(commandPool.submit(() -> worker.run(hardDeadline, 100_000, stop::get)));
        }
        for (int i = 0; i < SEARCH_CLIENTS; i++) {
            Random random = new Random(context.seed() * 17 + i);
            running.add(searchPool.submit(() -> searchLoop(context.http(), app.baseUrl(), random, searches, stop,
                    hardDeadline)));
        }
        Timing.sleep(WARM_UP_MILLIS);
        long frozenAt;
        long thawedAt;
        NodeProcesses.signal(node.pid(), "STOP");
        frozenAt = System.nanoTime();
        DrillContext.log("SIGSTOP to the Elasticsearch server (pid %d) for %d s", node.pid(), FREEZE_MILLIS / 1000);
        try {
            Timing.sleep(FREEZE_MILLIS);
        } finally {
            NodeProcesses.signal(node.pid(), "CONT");
            thawedAt = System.nanoTime();
        }
        DrillContext.log("SIGCONT to the Elasticsearch server");
        // how long search takes to answer again after the thaw, while the load goes on
        Double recovered = context.awaitSearchAnswers(java.time.Duration.ofSeconds(120));
        stop.set(true);
        for (Future<?> future : running) {
            future.get(90, TimeUnit.SECONDS);
        }
        commandPool.shutdown();
        searchPool.shutdown();

        List<Ledger.Sent> frozenCommands = commands.sent(s -> s.sentAtNanos() >= frozenAt && s.sentAtNanos() < thawedAt);
        List<Ledger.Sent> frozenSearches = searches.sent(s -> s.sentAtNanos() >= frozenAt && s.sentAtNanos() < thawedAt);
        List<Double> failedSearchMillis = frozenSearches.stream().filter(s -> !s.ok()).map(Ledger.Sent::millis).toList();
        List<Double> search503Millis = frozenSearches.stream().filter(s -> s.label().equals("503"))
                .map(Ledger.Sent::millis).toList();
        results.put("freeze_commands_failed", frozenCommands.stream().filter(s -> !s.ok()).count());
        results.put("freeze_command_p99_ms", Timing.percentile(frozenCommands.stream().map(Ledger.Sent::millis).toList(), 99));
        results.put("freeze_search_fail_fast_ms", Timing.percentile(failedSearchMillis, 99));
        results.put("freeze_commands", frozenCommands.size());
        results.put("freeze_command_statuses", Ledger.histogram(frozenCommands));
        results.put("freeze_command_p50_ms", Timing.percentile(frozenCommands.stream().map(Ledger.Sent::millis).toList(), 50));
        results.put("freeze_searches", frozenSearches.size());
        results.put("freeze_search_statuses", Ledger.histogram(frozenSearches));
        results.put("freeze_search_503_p99_ms", Timing.percentile(search503Millis, 99));
        results.put("freeze_search_failed_p50_ms", Timing.percentile(failedSearchMillis, 50));
        results.put("freeze_search_recovery_seconds", recovered);
        results.put("freeze_seconds", Timing.round((thawedAt - frozenAt) / 1e9));
        DrillContext.log("freeze: commands %s, p99 %s ms; searches %s, failed p99 %s ms",
                Ledger.histogram(frozenCommands), results.get("freeze_command_p99_ms"),
                Ledger.histogram(frozenSearches), results.get("freeze_search_fail_fast_ms"));
    }

    private static void searchLoop(Http http, String baseUrl, Random random, Ledger searches, AtomicBoolean stop,
                                   long hardDeadline) {
        // clients arrive spread over the first second, then each searches again a second after its last answer
        Timing.sleep(random.nextInt((int) SEARCH_PAUSE_MILLIS));
        while (!stop.get() && System.nanoTime() < hardDeadline) {
            String query = QUERIES.get(random.nextInt(QUERIES.size()));
            long sentAt = System.nanoTime();
            Http.Answer answer = http.get(baseUrl + "/api/search/customers?q="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8));
            searches.record("search", sentAt, answer);
            Timing.sleep(SEARCH_PAUSE_MILLIS);
        }
    }
}
