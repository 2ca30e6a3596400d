package dev.kehu.infra.imports;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.kehu.command.actor.Actor;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * The import jobs in MongoDB. A job is one small document in {@value #COLLECTION} per distinct file (its id is
 * derived from the file's SHA-256, so the same file is one job however often it is sent): who imports it and why,
 * the progress ({@code next} is the first row not yet known to be done), and the lease of the instance running it
 * ({@code owner}, {@code leaseUntil}). The file itself is kept apart, in pieces of {@value #PIECE_BYTES} bytes in
 * {@value #FILES} ({@code _id} = job id / piece number, read back with one {@code _id $in}), written once and
 * deleted when the job is done: a progress record rewrites a few hundred bytes, not the whole file. (Not GridFS: it
 * reads a file's chunks by {@code files_id} with a sort, which the embedded MongoDB-wire server answers by reading
 * every chunk of every file.)
 *
 * <p>A job survives a restart and the death of its instance: a {@code RUNNING} job whose lease ran out (or that
 * has no owner) is taken by the next instance that {@link #claim claims} it, and resumed from {@code next}. Every
 * progress record is made only while this instance holds the lease, so an instance that lost it stops counting.
 */
final class ImportJobs {

    static final String COLLECTION = "imports";
    static final String FILES = "import_files";
    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    /** At most this many row problems are kept on a job (the counts stay exact). */
    static final int MAX_PROBLEMS = 1000;
    static final int PIECE_BYTES = 1 << 20;

    private final MongoCollection<Document> jobs;
    private final MongoCollection<Document> files;
    private final Clock clock;

    ImportJobs(MongoDatabase database, Clock clock) {
        this.jobs = database.getCollection(COLLECTION);
        this.files = database.getCollection(FILES);
        this.clock = clock;
    }

    /** Stores a new job for this file; false when a job for the same file exists already (then {@link #find} it). */
    boolean create(String id, byte[] content, String charset, int total, Actor actor, String reason, String correlationId) {
        int pieces = (content.length + PIECE_BYTES - 1) / PIECE_BYTES;
        for (int piece = 0; piece < pieces; piece++) { // the same file gives the same pieces: a retry overwrites them
            byte[] bytes = Arrays.copyOfRange(content, piece * PIECE_BYTES, Math.min(content.length, (piece + 1) * PIECE_BYTES));
            files.replaceOne(Filters.eq("_id", pieceId(id, piece)), new Document("_id", pieceId(id, piece))
                    .append("data", new Binary(bytes)), new ReplaceOptions().upsert(true));
        }
        Date now = Date.from(clock.instant());
        Document job = new Document("_id", id).append("state", RUNNING).append("pieces", pieces)
                .append("charset", charset).append("total", total).append("next", 0).append("imported", 0)
                .append("duplicates", 0).append("failed", 0).append("problems", new ArrayList<>())
                .append("actor", actor.id()).append("actorName", actor.name()).append("onBehalfOf", actor.onBehalfOf())
                .append("ownOnly", actor.ownOnly()).append("reason", reason).append("correlationId", correlationId)
                .append("owner", null).append("leaseUntil", null)
                .append("createdAt", now).append("startedAt", now).append("updatedAt", now);
        try {
            jobs.insertOne(job); // after the pieces: a job that exists always has its file
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The job (without the file of a job stored before the file was kept apart). */
    Optional<Document> find(String id) {
        return Optional.ofNullable(jobs.find(Filters.eq("_id", id)).projection(Projections.exclude("content")).first());
    }

    /** The file of a job. */
    byte[] content(Document job) {
        Binary inline = job.get("content", Binary.class); // a job stored by an earlier version
        if (inline != null) {
            return inline.getData();
        }
        String id = job.getString("_id");
        int pieces = job.getInteger("pieces");
        Map<String, byte[]> byId = new HashMap<>();
        files.find(Filters.in("_id", pieceIds(id, pieces))).forEach(piece ->
                byId.put(piece.getString("_id"), piece.get("data", Binary.class).getData()));
        ByteArrayOutputStream content = new ByteArrayOutputStream(pieces * PIECE_BYTES);
        for (String pieceId : pieceIds(id, pieces)) {
            byte[] bytes = byId.get(pieceId);
            if (bytes == null) {
                throw new IllegalStateException("import " + id + ": piece " + pieceId + " of its file is missing");
            }
            content.writeBytes(bytes);
        }
        return content.toByteArray();
    }

    /** Ids of the jobs still running (whoever runs them). */
    List<String> running() {
        List<String> ids = new ArrayList<>();
        jobs.find(Filters.eq("state", RUNNING)).projection(Projections.include("_id"))
                .forEach(job -> ids.add(job.getString("_id")));
        return ids;
    }

    /**
     * Takes the lease of a running job for {@code owner}, when no other instance holds a live one; returns the job
     * when taken (then {@code owner} runs it), empty otherwise.
     */
    Optional<Document> claim(String id, String owner, Duration lease) {
        Date now = Date.from(clock.instant());
        // plain documents, not Filters.and: the embedded server then reads the job by _id instead of every job
        Document takeable = new Document("_id", id).append("state", RUNNING).append("$or", List.of(
                new Document("owner", owner), new Document("leaseUntil", null), new Document("leaseUntil", new Document("$lt", now))));
        return Optional.ofNullable(jobs.findOneAndUpdate(takeable, Updates.combine(Updates.set("owner", owner),
                        Updates.set("leaseUntil", Date.from(now.toInstant().plus(lease)))),
                new FindOneAndUpdateOptions().projection(Projections.exclude("problems"))
                        .returnDocument(ReturnDocument.AFTER)));
    }

    /** Extends the lease while {@code owner} holds it; false when it lost it. */
    boolean renew(String id, String owner, Duration lease) {
        return jobs.updateOne(mine(id, owner), Updates.set("leaseUntil", Date.from(clock.instant().plus(lease))))
                .getMatchedCount() > 0;
    }

    /** Gives the lease up (on shutdown): another instance may take the job at once. */
    void release(String id, String owner) {
        jobs.updateOne(mine(id, owner), Updates.set("leaseUntil", null));
    }

    /**
     * Records a finished chunk: rows up to {@code next} are done, with these counts and problems, and extends the
     * lease. False when {@code owner} no longer holds the lease: then nothing is recorded (the new holder goes on).
     */
    boolean progress(String id, String owner, Duration lease, int next, int imported, int duplicates, int failed,
                     List<RowProblem> problems) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.max("next", next), Updates.inc("imported", imported),
                Updates.inc("duplicates", duplicates), Updates.inc("failed", failed),
                Updates.set("updatedAt", Date.from(clock.instant())),
                Updates.set("leaseUntil", Date.from(clock.instant().plus(lease)))));
        if (!problems.isEmpty()) {
            updates.add(Updates.pushEach("problems", problems.stream().map(ImportJobs::document).toList(),
                    new PushOptions().slice(MAX_PROBLEMS)));
        }
        return jobs.updateOne(mine(id, owner), Updates.combine(updates)).getMatchedCount() > 0;
    }

    /** Marks the job done and deletes its file. */
    void finish(String id, String owner) {
        Date now = Date.from(clock.instant());
        Document job = jobs.findOneAndUpdate(mine(id, owner), Updates.combine(Updates.set("state", DONE),
                Updates.set("finishedAt", now), Updates.set("updatedAt", now), Updates.unset("content"),
                Updates.set("leaseUntil", null)), new FindOneAndUpdateOptions().projection(Projections.include("pieces")));
        if (job != null && job.getInteger("pieces") != null) {
            files.deleteMany(Filters.in("_id", pieceIds(id, job.getInteger("pieces"))));
        }
    }

    /** Notes that a run stopped on an error other than the rows' own; the job stays RUNNING, to resume. */
    void interrupted(String id, String owner, String error) {
        jobs.updateOne(mine(id, owner), Updates.combine(Updates.set("lastError", error),
                Updates.set("updatedAt", Date.from(clock.instant())), Updates.set("leaseUntil", null)));
    }

    /** Marks the start of a run (after a restart or a takeover the rate counts from here). */
    void resumed(String id, String owner, int next) {
        jobs.updateOne(mine(id, owner), Updates.combine(Updates.set("startedAt", Date.from(clock.instant())),
                Updates.set("startedAtRow", next)));
    }

    private static Document mine(String id, String owner) {
        return new Document("_id", id).append("owner", owner);
    }

    private static String pieceId(String id, int piece) {
        return id + "/" + piece;
    }

    private static List<String> pieceIds(String id, int pieces) {
        List<String> ids = new ArrayList<>(pieces);
        for (int piece = 0; piece < pieces; piece++) {
            ids.add(pieceId(id, piece));
        }
        return ids;
    }

    private static Document document(RowProblem problem) {
        return new Document("row", problem.row()).append("column", problem.column()).append("reason", problem.reason());
    }
}
