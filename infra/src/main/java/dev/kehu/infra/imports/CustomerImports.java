package dev.kehu.infra.imports;

import dev.kehu.command.actor.Actor;
import dev.kehu.command.customer.uniqueness.CustomerUniqueness;
import dev.kehu.command.web.InvalidRequestField;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import use case behind {@link ImportController}: checks a file completely, starts a job for it (or finds
 * the job the same file already has), runs jobs in the background, and reports a job's progress.
 *
 * <p>Jobs run where a lease in MongoDB puts them ({@link ImportJobs#claim}): this instance runs one job at a time,
 * renews its lease every third of {@code kehu.imports.lease}, and looks as often for a running job that nobody
 * holds: a new one, one paused by a shutdown, or one whose instance died (its lease ran out). So an unfinished job
 * resumes on the next start, or on another instance within about one lease.
 */
final class CustomerImports implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CustomerImports.class);

    /** Thrown when a file has problems: nothing is imported; the answer lists every row problem. */
    static final class FileRefused extends RuntimeException {
        final transient List<RowProblem> problems;

        FileRefused(List<RowProblem> problems) {
            super(problems.size() + " problem(s) in the file; nothing was imported");
            this.problems = problems;
        }
    }

    /** A started or found job: its status and the rows that duplicate existing customers (to be skipped). */
    record Started(String id, boolean created, Map<String, Object> status, List<RowProblem> duplicates) {
    }

    private final ImportJobs jobs;
    private final CustomerFile file;
    private final CustomerImporter importer;
    private final CustomerUniqueness uniqueness;
    private final ExecutorService jobRunner;
    private final ExecutorService rowWorkers;
    private final ImportProperties properties;
    private final Clock clock;
    /** This instance, as the owner of the leases it takes. */
    private final String owner = UUID.randomUUID().toString();
    private final ScheduledExecutorService timer;
    /** The job this instance runs, or null. */
    private volatile String current;

    CustomerImports(ImportJobs jobs, CustomerFile file, CustomerImporter importer, CustomerUniqueness uniqueness,
                    ExecutorService jobRunner, ExecutorService rowWorkers, ImportProperties properties, Clock clock) {
        this.jobs = jobs;
        this.file = file;
        this.importer = importer;
        this.uniqueness = uniqueness;
        this.jobRunner = jobRunner;
        this.rowWorkers = rowWorkers;
        this.properties = properties;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kehu-import-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    Started start(byte[] content, String declaredEncoding, Actor actor, String reason, String correlationId) {
        if (content == null || content.length == 0) {
            throw new InvalidRequestField("body", "is empty: send the CSV file as the request body");
        }
        if (content.length > properties.maxFileSize().toBytes()) {
            throw new InvalidRequestField("body", "is larger than " + properties.maxFileSize() + " (kehu.imports.max-file-size): split the file");
        }
        String id = idOf(content);
        Optional<Document> existing = jobs.find(id);
        if (existing.isPresent()) {
            return new Started(id, false, status(existing.get()), List.of());
        }
        CsvText text = CsvText.decode(content, declaredEncoding);
        CustomerFile.Parsed parsed = file.parse(text.text(), properties.maxRows());
        if (!parsed.problems().isEmpty()) {
            throw new FileRefused(parsed.problems());
        }
        if (parsed.rows().isEmpty()) {
            throw new InvalidRequestField("body", "has a header but no rows");
        }
        List<RowProblem> duplicates = existingDuplicates(parsed.rows());
        boolean created = jobs.create(id, content, text.charset().name(), parsed.rows().size(), actor,
                reason == null ? "CSV import" : reason, correlationId);
        if (created) {
            poll();
        }
        return new Started(id, created, status(jobs.find(id).orElseThrow()), duplicates);
    }

    Optional<Map<String, Object>> status(String id) {
        return jobs.find(id).map(this::status);
    }

    /**
     * Takes up running jobs that no instance holds (paused by a stop, or their instance died), from their last
     * recorded chunk, and from now on renews this instance's lease and watches for such jobs.
     */
    void resumeUnfinished() {
        long tick = Math.max(50, properties.lease().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            String running = current;
            if (running != null && !jobs.renew(running, owner, properties.lease())) {
                log.warn("Import {}: this instance lost its lease; it stops after the current chunk", running);
            }
            poll();
        } catch (RuntimeException e) {
            log.warn("Import leases: could not renew or look for jobs (retrying): {}", e.toString());
        }
    }

    /** When this instance runs no job: takes the first running job nobody holds, and runs it. */
    private synchronized void poll() {
        if (current != null || jobRunner.isShutdown()) {
            return;
        }
        for (String id : jobs.running()) {
            Optional<Document> job = jobs.claim(id, owner, properties.lease());
            if (job.isPresent()) {
                current = id;
                jobRunner.execute(() -> {
                    try {
                        importer.run(job.get(), owner, properties.lease());
                    } finally {
                        current = null;
                    }
                    poll();
                });
                return;
            }
        }
    }

    /**
     * On shutdown: the running job stops after its current chunk (recorded, so it resumes from the next one), and
     * the commands in flight finish. Waits up to 30 s; what is left is re-checked on resume.
     */
    @Override
    public void close() throws InterruptedException {
        importer.stop();
        timer.shutdownNow();
        jobRunner.shutdown();
        jobRunner.awaitTermination(30, TimeUnit.SECONDS);
        rowWorkers.shutdown();
        rowWorkers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The rows whose unique values existing customers hold: looked up a thousand claims per query. */
    private List<RowProblem> existingDuplicates(List<ImportRow> rows) {
        Map<String, ImportRow> rowsByKey = new LinkedHashMap<>();
        for (ImportRow row : rows) {
            CustomerFile.claimKeys(row).forEach(key -> rowsByKey.put(key, row));
        }
        Map<String, String> holders = new HashMap<>();
        List<String> keys = new ArrayList<>(rowsByKey.keySet());
        for (int from = 0; from < keys.size(); from += 1000) {
            holders.putAll(uniqueness.holdersOf(keys.subList(from, Math.min(keys.size(), from + 1000))));
        }
        List<RowProblem> duplicates = new ArrayList<>();
        rowsByKey.forEach((key, row) -> {
            String holder = holders.get(key);
            if (holder != null) {
                duplicates.add(new RowProblem(row.row(), key.substring(0, key.indexOf(':')),
                        "the same as existing customer " + holder + "; it will be skipped"));
            }
        });
        return duplicates;
    }

    private Map<String, Object> status(Document job) {
        int total = job.getInteger("total");
        int next = job.getInteger("next");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", job.getString("_id"));
        status.put("state", job.getString("state"));
        status.put("total", total);
        status.put("done", next);
        status.put("imported", job.getInteger("imported"));
        status.put("duplicates", job.getInteger("duplicates"));
        status.put("failed", job.getInteger("failed"));
        Instant started = job.getDate("startedAt").toInstant();
        Instant until = job.getDate("finishedAt") != null ? job.getDate("finishedAt").toInstant() : clock.instant();
        double seconds = Math.max(0.001, Duration.between(started, until).toMillis() / 1000.0);
        int doneThisRun = next - job.getInteger("startedAtRow", 0);
        double rate = doneThisRun / seconds;
        status.put("rowsPerSecond", Math.round(rate * 10) / 10.0);
        Long eta = ImportJobs.DONE.equals(job.getString("state")) ? Long.valueOf(0)
                : rate > 0 ? Long.valueOf((long) Math.ceil((total - next) / rate)) : null;
        status.put("etaSeconds", eta);
        status.put("actor", job.getString("actor"));
        status.put("reason", job.getString("reason"));
        status.put("createdAt", job.getDate("createdAt").toInstant().toString());
        status.put("finishedAt", job.getDate("finishedAt") == null ? null : job.getDate("finishedAt").toInstant().toString());
        status.put("lastError", job.getString("lastError"));
        status.put("errors", job.getList("problems", Document.class, List.of()).stream()
                .map(problem -> new RowProblem(problem.get("row", Number.class).longValue(), problem.getString("column"),
                        problem.getString("reason"))).toList());
        return status;
    }

    /** The job id of a file: the first 128 bits of its SHA-256, in hex. */
    static String idOf(byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
