package dev.kehu.infra.audit.proof;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.kehu.infra.audit.AuditLog;
import dev.kehu.infra.audit.VerificationJobNotFound;
import dev.kehu.infra.eventstore.EventFields;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Whole-log verification as background jobs. A job's state is a document of {@code auditVerifications}
 * ({@code _id} = job id): the positions to check, the next one, how many events were checked, the problems found
 * (the first {@value #MAX_PROBLEMS}) and, at the end, the result. The state is saved after every window of
 * ten query windows, so progress is a read by key and a restarted application resumes a job where
 * it stopped ({@link #resumeUnfinished()}). Jobs run one at a time on one thread.
 */
public class VerificationJobs implements AutoCloseable {

    static final int MAX_PROBLEMS = 100;
    private static final Logger log = LoggerFactory.getLogger(VerificationJobs.class);

    private final AuditLog auditLog;
    private final MerkleLog merkle;
    private final MongoCollection<BsonDocument> jobs;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-verification");
        thread.setDaemon(true);
        return thread;
    });

    public VerificationJobs(MongoDatabase database, String collectionPrefix, AuditLog auditLog, MerkleLog merkle,
                            Clock clock) {
        this.auditLog = auditLog;
        this.merkle = merkle;
        this.jobs = database.getCollection(collectionPrefix + "auditVerifications", BsonDocument.class);
        this.clock = clock;
    }

    /** A job as the API shows it. */
    public record Job(String id, String status, long fromPosition, long toPosition, long nextPosition,
                      long eventsChecked, double progress, Instant startedAt, Instant updatedAt, Instant finishedAt,
                      Boolean ok, long problemCount, Problem firstProblem, List<Problem> problems,
                      Double eventsPerSecond) {
    }

    /** Starts a job over every position up to the head of the log (or of the checkpoints, if further). */
    public Job start() {
        long checkpointed = merkle.advance();
        long to = Math.max(checkpointed, auditLog.head(checkpointed > 0 && auditLog.exists(checkpointed)
                ? checkpointed : 0));
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        BsonDocument state = new BsonDocument(EventFields.ID, new BsonString(id))
                .append("status", new BsonString("running"))
                .append("from", new BsonInt64(1)).append("to", new BsonInt64(to)).append("next", new BsonInt64(1))
                .append("eventsChecked", new BsonInt64(0)).append("problemCount", new BsonInt64(0))
                .append("problems", new BsonArray())
                .append("startedAt", new BsonDateTime(now.toEpochMilli()))
                .append("updatedAt", new BsonDateTime(now.toEpochMilli()))
                .append("nanos", new BsonInt64(0));
        jobs.insertOne(state);
        runner.submit(() -> run(id));
        return toJob(state);
    }

    public Job get(String id) {
        BsonDocument state = jobs.find(new BsonDocument(EventFields.ID, new BsonString(id))).first();
        if (state == null) {
            throw new VerificationJobNotFound(id);
        }
        return toJob(state);
    }

    /** Picks up the jobs a stopped application left running (the collection holds one small document per job). */
    public void resumeUnfinished() {
        for (BsonDocument state : jobs.find(new BsonDocument("status", new BsonString("running")))) {
            String id = state.getString(EventFields.ID).getValue();
            log.info("Resuming verification job {} at position {}", id, state.getNumber("next").longValue());
            runner.submit(() -> run(id));
        }
    }

    private void run(String id) {
        try {
            BsonDocument state = jobs.find(new BsonDocument(EventFields.ID, new BsonString(id))).first();
            if (state == null || !"running".equals(state.getString("status").getValue())) {
                return;
            }
            LogScanner scanner = new LogScanner(auditLog, merkle);
            long to = state.getNumber("to").longValue();
            long next = state.getNumber("next").longValue();
            long checked = state.getNumber("eventsChecked").longValue();
            long problemCount = state.getNumber("problemCount").longValue();
            long nanos = state.getNumber("nanos").longValue();
            BsonArray problems = state.getArray("problems");
            long[] saved = {next, checked, problemCount, nanos};
            long[] started = {System.nanoTime()};
            List<Problem> found = new ArrayList<>();
            // state is saved every 10 windows: progress for GET, and where a restarted application goes on
            scanner.scanAll(next, to, found::add, 10 * LogScanner.WINDOW, (position, readSoFar) -> {
                long now = System.nanoTime();
                saved[3] += now - started[0];
                started[0] = now;
                saved[0] = position;
                saved[2] += found.size();
                for (Problem problem : found) {
                    if (problems.size() < MAX_PROBLEMS) {
                        problems.add(toBson(problem));
                    }
                }
                found.clear();
                state.put("next", new BsonInt64(position));
                state.put("eventsChecked", new BsonInt64(saved[1] + readSoFar));
                state.put("problemCount", new BsonInt64(saved[2]));
                state.put("nanos", new BsonInt64(saved[3]));
                state.put("updatedAt", new BsonDateTime(clock.millis()));
                jobs.replaceOne(new BsonDocument(EventFields.ID, new BsonString(id)), state,
                        new ReplaceOptions().upsert(true));
            });
            state.put("status", new BsonString("done"));
            state.put("ok", BsonBoolean.valueOf(saved[2] == 0));
            state.put("finishedAt", new BsonDateTime(clock.millis()));
            jobs.replaceOne(new BsonDocument(EventFields.ID, new BsonString(id)), state,
                    new ReplaceOptions().upsert(true));
        } catch (RuntimeException e) {
            log.error("Verification job {} failed; it resumes on the next start", id, e);
        }
    }

    private static BsonDocument toBson(Problem problem) {
        return new BsonDocument("position", new BsonInt64(problem.position()))
                .append("aggregateId", problem.aggregateId() == null ? BsonNull.VALUE
                        : new BsonString(problem.aggregateId()))
                .append("seq", problem.seq() == null ? BsonNull.VALUE : new BsonInt64(problem.seq()))
                .append("kind", new BsonString(problem.kind())).append("detail", new BsonString(problem.detail()));
    }

    private static Problem toProblem(BsonValue value) {
        BsonDocument document = value.asDocument();
        return new Problem(document.getNumber("position").longValue(),
                document.isString("aggregateId") ? document.getString("aggregateId").getValue() : null,
                document.isNumber("seq") ? document.getNumber("seq").longValue() : null,
                document.getString("kind").getValue(), document.getString("detail").getValue());
    }

    private static Job toJob(BsonDocument state) {
        long from = state.getNumber("from").longValue();
        long to = state.getNumber("to").longValue();
        long next = state.getNumber("next").longValue();
        long checked = state.getNumber("eventsChecked").longValue();
        long nanos = state.getNumber("nanos").longValue();
        List<Problem> problems = state.getArray("problems").stream().map(VerificationJobs::toProblem).toList();
        double progress = to < from ? 1.0 : Math.min(1.0, (double) (next - from) / (to - from + 1));
        return new Job(state.getString(EventFields.ID).getValue(), state.getString("status").getValue(), from, to,
                next, checked, progress, instant(state, "startedAt"), instant(state, "updatedAt"),
                instant(state, "finishedAt"),
                state.containsKey("ok") ? state.getBoolean("ok").getValue() : null,
                state.getNumber("problemCount").longValue(), problems.isEmpty() ? null : problems.get(0), problems,
                nanos == 0 ? null : checked * 1e9 / nanos);
    }

    private static Instant instant(BsonDocument state, String key) {
        return state.isDateTime(key) ? Instant.ofEpochMilli(state.getDateTime(key).getValue()) : null;
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
