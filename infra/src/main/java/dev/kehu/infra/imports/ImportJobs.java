package dev.kehu.infra.imports;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import dev.kehu.command.actor.Actor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * The import jobs in MongoDB (collection {@value #COLLECTION}): one document per distinct file (its id is derived
 * from the file's SHA-256, so the same file is one job however often it is sent), holding the file itself, who
 * imports it and why, and the progress: {@code next} is the first row not yet known to be done. A job survives a
 * restart: {@code RUNNING} jobs are taken up again from {@code next}.
 */
final class ImportJobs {

    static final String COLLECTION = "imports";
    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    /** At most this many row problems are kept on a job (the counts stay exact). */
    static final int MAX_PROBLEMS = 1000;

    private final MongoCollection<Document> jobs;
    private final Clock clock;

    ImportJobs(MongoDatabase database, Clock clock) {
        this.jobs = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Stores a new job for this file; false when a job for the same file exists already (then {@link #find} it). */
    boolean create(String id, byte[] content, String charset, int total, Actor actor, String reason, String correlationId) {
        Date now = Date.from(clock.instant());
        Document job = new Document("_id", id).append("state", RUNNING).append("content", new Binary(content))
                .append("charset", charset).append("total", total).append("next", 0).append("imported", 0)
                .append("duplicates", 0).append("failed", 0).append("problems", new ArrayList<>())
                .append("actor", actor.id()).append("actorName", actor.name()).append("onBehalfOf", actor.onBehalfOf())
                .append("ownOnly", actor.ownOnly()).append("reason", reason).append("correlationId", correlationId)
                .append("createdAt", now).append("startedAt", now).append("updatedAt", now);
        try {
            jobs.insertOne(job);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The job without its file. */
    Optional<Document> find(String id) {
        return Optional.ofNullable(jobs.find(Filters.eq("_id", id)).projection(Projections.exclude("content")).first());
    }

    /** The job with its file, for running it. */
    Optional<Document> load(String id) {
        return Optional.ofNullable(jobs.find(Filters.eq("_id", id)).first());
    }

    List<String> running() {
        List<String> ids = new ArrayList<>();
        jobs.find(Filters.eq("state", RUNNING)).projection(Projections.include("_id"))
                .forEach(job -> ids.add(job.getString("_id")));
        return ids;
    }

    /** Records a finished chunk: rows up to {@code next} are done, with these counts and problems. */
    void progress(String id, int next, int imported, int duplicates, int failed, List<RowProblem> problems) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.max("next", next), Updates.inc("imported", imported),
                Updates.inc("duplicates", duplicates), Updates.inc("failed", failed),
                Updates.set("updatedAt", Date.from(clock.instant()))));
        if (!problems.isEmpty()) {
            updates.add(Updates.pushEach("problems", problems.stream().map(ImportJobs::document).toList(),
                    new PushOptions().slice(MAX_PROBLEMS)));
        }
        jobs.updateOne(Filters.eq("_id", id), Updates.combine(updates));
    }

    void finish(String id) {
        Date now = Date.from(clock.instant());
        jobs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("state", DONE), Updates.set("finishedAt", now),
                Updates.set("updatedAt", now), Updates.unset("content")));
    }

    /** Notes that a run stopped on an error other than the rows' own; the job stays RUNNING, to resume. */
    void interrupted(String id, String error) {
        jobs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("lastError", error),
                Updates.set("updatedAt", Date.from(clock.instant()))));
    }

    /** Marks the start of a run (after a restart the rate counts from here). */
    void resumed(String id, int next) {
        jobs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("startedAt", Date.from(clock.instant())),
                Updates.set("startedAtRow", next)));
    }

    private static Document document(RowProblem problem) {
        return new Document("row", problem.row()).append("column", problem.column()).append("reason", problem.reason());
    }
}
