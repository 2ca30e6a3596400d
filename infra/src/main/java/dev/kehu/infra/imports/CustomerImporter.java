package dev.kehu.infra.imports;

import dev.kehu.command.actor.Actor;
import dev.kehu.command.customer.CustomerCommand.AddContact;
import dev.kehu.command.customer.CustomerCommand.RegisterCustomer;
import dev.kehu.command.customer.CustomerConflict;
import dev.kehu.command.customer.CustomerRefusal;
import dev.kehu.command.customer.uniqueness.CustomerUniqueness;
import dev.kehu.command.web.CommandContext;
import dev.kehu.command.web.CommandDispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an import job: its rows in chunks, the rows of a chunk side by side on a small pool, each row through the
 * same uniqueness claims and command dispatcher as {@code POST /api/customers} (then {@code AddContact} for its
 * contact), with the importing user's actor, reason and correlation id on every command and so on every event.
 *
 * <p>Restart-safe: after each chunk the job's {@code next} moves past it. Ids are derived from the file and the
 * row, so a row of an unfinished chunk that did reach the event store before a restart or a takeover is recognised
 * (its customer has events) and not registered twice; its contact is sent again, which changes nothing if it is
 * there. Only the first chunk of a run is looked up that way: chunks run one after another, so no later row can
 * have run before. A row that duplicates an existing customer (credit code, an individual's mobile or e-mail) is
 * skipped and reported with the customer it duplicates.
 */
final class CustomerImporter {

    private static final Logger log = LoggerFactory.getLogger(CustomerImporter.class);

    private final ImportJobs jobs;
    private final CustomerFile file;
    private final CustomerUniqueness uniqueness;
    private final CommandDispatcher dispatcher;
    private final EventStore eventStore;
    private final ExecutorService rowWorkers;
    private final int chunkSize;
    private volatile boolean stopping;

    CustomerImporter(ImportJobs jobs, CustomerFile file, CustomerUniqueness uniqueness, CommandDispatcher dispatcher,
                     EventStore eventStore, ExecutorService rowWorkers, int chunkSize) {
        this.jobs = jobs;
        this.file = file;
        this.uniqueness = uniqueness;
        this.dispatcher = dispatcher;
        this.eventStore = eventStore;
        this.rowWorkers = rowWorkers;
        this.chunkSize = chunkSize;
    }

    /** The customer id of a row: the same for the same file and row, on every run. */
    static String customerId(String jobId, long row) {
        return UUID.nameUUIDFromBytes(("kehu-import/" + jobId + "/" + row).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String contactId(String jobId, long row) {
        return UUID.nameUUIDFromBytes(("kehu-import/" + jobId + "/" + row + "/contact").getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Runs a job this instance has just {@linkplain ImportJobs#claim claimed} as {@code owner}, from its {@code next}
     * row to the end, or until it loses the lease, is stopped, or meets an error that is not a row's own.
     */
    void run(Document job, String owner, Duration lease) {
        String jobId = job.getString("_id");
        if (!ImportJobs.RUNNING.equals(job.getString("state"))) {
            return;
        }
        byte[] content = jobs.content(job);
        List<ImportRow> rows = file.parse(CsvText.decode(content, job.getString("charset")).text(), Integer.MAX_VALUE).rows();
        CommandContext context = context(job);
        int next = job.getInteger("next");
        jobs.resumed(jobId, owner, next);
        boolean firstChunk = true;
        try {
            while (next < rows.size()) {
                if (stopping) {
                    jobs.release(jobId, owner);
                    log.info("Import {} paused at row index {} for shutdown; it resumes on the next start", jobId, next);
                    return;
                }
                int end = Math.min(rows.size(), next + chunkSize);
                // only the first chunk of a run can hold rows an earlier run imported without recording them
                if (!runChunk(jobId, owner, lease, context, rows.subList(next, end), end, firstChunk)) {
                    log.warn("Import {}: this instance lost its lease at row index {}; the instance holding it goes on", jobId, next);
                    return;
                }
                firstChunk = false;
                next = end;
            }
            jobs.finish(jobId, owner);
            log.info("Import {} done: {} rows", jobId, rows.size());
        } catch (RuntimeException e) {
            jobs.interrupted(jobId, owner, e.toString());
            log.warn("Import {} stopped at row index {}; it resumes on the next start", jobId, next, e);
        }
    }

    /** Lets the running job stop after its current chunk. */
    void stop() {
        stopping = true;
    }

    private boolean runChunk(String jobId, String owner, Duration lease, CommandContext context, List<ImportRow> chunk,
                             int end, boolean mayHaveRun) {
        List<Future<RowOutcome>> outcomes = new ArrayList<>(chunk.size());
        for (ImportRow row : chunk) {
            outcomes.add(rowWorkers.submit(() -> importRow(jobId, context, row, mayHaveRun)));
        }
        int imported = 0;
        int duplicates = 0;
        int failed = 0;
        List<RowProblem> problems = new ArrayList<>();
        for (Future<RowOutcome> future : outcomes) {
            RowOutcome outcome = await(future);
            switch (outcome.kind()) {
                case IMPORTED -> imported++;
                case DUPLICATE -> duplicates++;
                case FAILED -> failed++;
            }
            if (outcome.problem() != null) {
                problems.add(outcome.problem());
            }
        }
        return jobs.progress(jobId, owner, lease, end, imported, duplicates, failed, problems);
    }

    /**
     * Imports one row. {@code mayHaveRun}: an earlier run may have registered this row's customer (then it is looked
     * up in the event store, and only its contact is sent again); otherwise the lookup is saved, and a registration
     * that finds the customer there after all (another instance ran the row meanwhile) counts as done.
     */
    RowOutcome importRow(String jobId, CommandContext context, ImportRow row, boolean mayHaveRun) {
        String customerId = customerId(jobId, row.row());
        try {
            if (!mayHaveRun || !exists(customerId)) {
                try {
                    uniqueness.register(customerId, row.customer().kind(), CustomerProfiles.of(row.customer()),
                            () -> dispatcher.send(context, new RegisterCustomer(customerId, row.customer().kind(),
                                    CustomerProfiles.of(row.customer()))));
                } catch (CustomerConflict.CustomerAlreadyRegistered duplicate) {
                    throw duplicate;
                } catch (RuntimeException e) {
                    if (mayHaveRun || !exists(customerId)) {
                        throw e;
                    } // else another instance registered it meanwhile (it took the job over): go on with the contact
                }
            }
            if (row.contact() != null) { // adding the very same contact again changes nothing: safe on a resumed row
                dispatcher.send(context, new AddContact(customerId,
                        CustomerProfiles.contact(contactId(jobId, row.row()), row.contact())));
            }
            return new RowOutcome(RowOutcome.Kind.IMPORTED, null);
        } catch (CustomerConflict.CustomerAlreadyRegistered duplicate) {
            return new RowOutcome(RowOutcome.Kind.DUPLICATE, new RowProblem(row.row(),
                    (String) duplicate.details().get("field"), duplicate.getMessage()));
        } catch (CustomerRefusal | IllegalArgumentException refused) {
            return new RowOutcome(RowOutcome.Kind.FAILED, new RowProblem(row.row(), null, refused.getMessage()));
        }
    }

    private boolean exists(String customerId) {
        return eventStore.lastSequenceNumberFor(customerId).isPresent();
    }

    private static RowOutcome await(Future<RowOutcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    static CommandContext context(Document job) {
        Actor actor = new Actor(job.getString("actor"), job.getString("actorName"), job.getString("onBehalfOf"),
                Boolean.TRUE.equals(job.getBoolean("ownOnly")));
        return new CommandContext(actor, job.getString("reason"), job.getString("correlationId"), null, null,
                "POST", "/api/imports/customers");
    }

    record RowOutcome(Kind kind, RowProblem problem) {
        enum Kind { IMPORTED, DUPLICATE, FAILED }
    }
}
