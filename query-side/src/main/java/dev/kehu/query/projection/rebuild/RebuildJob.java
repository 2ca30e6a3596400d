package dev.kehu.query.projection.rebuild;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.kehu.query.elasticsearch.IndexRebuild;
import dev.kehu.query.projection.ProjectionFailures;
import dev.kehu.query.projection.RebuildBatch;
import dev.kehu.query.projection.operations.ProjectionControl;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One rebuild of one group into its next version, run under the lease ({@link RebuildLease}) by one instance:
 * <ol>
 *   <li>streams the log from its stored position (-1 at first: the new collections are dropped, then built from the
 *       start) in chunks, each chunk's documents written once, and the position stored after each chunk, so a
 *       restart resumes there;</li>
 *   <li>once within a chunk of the head: pauses the group's live processor on every instance and waits until none
 *       holds its token, applies the last events, switches {@code current} to the new version (the old one is
 *       retired, dropped after the grace period), waits until every instance reads the new version, and resumes the
 *       live processor (unless an operator had paused it). The live processor goes on from its own token: the events
 *       between it and the rebuild's position are already in the new documents ({@code appliedPosition}), so they
 *       change nothing.</li>
 * </ol>
 * A group writing an Elasticsearch index ({@link IndexRebuild}) fills a new index beside the live one the same way, and
 * its alias switches with the collections it keeps beside it.
 * A cancel is seen after the chunk being folded; the new collections (and index) are then dropped. An outage of MongoDB is
 * retried (from the last stored position) with back-off; any other failure ends the rebuild as {@code FAILED}.
 */
final class RebuildJob implements Runnable {

    static final String RUNNING = "RUNNING";
    static final String SWITCHING = "SWITCHING";
    static final String DONE = "DONE";
    static final String CANCELLED = "CANCELLED";
    static final String FAILED = "FAILED";
    private static final Logger LOG = LoggerFactory.getLogger(RebuildJob.class);

    private final RebuildContext context;
    private final String group;
    private final int version;
    private final int attempt;
    private final BooleanSupplier stopping;

    RebuildJob(RebuildContext context, String group, int version, int attempt, BooleanSupplier stopping) {
        this.context = context;
        this.group = group;
        this.version = version;
        this.attempt = attempt;
        this.stopping = stopping;
    }

    static String job(String group) {
        return "projection-rebuild/" + group;
    }

    /** The lease slot of an attempt: a rebuild stopped with its instance goes on in the next attempt's slot. */
    static String slot(int version, int attempt) {
        return String.format("%06d-%04d", version, attempt);
    }

    @Override
    public void run() {
        Duration backOff = Duration.ofSeconds(1);
        while (true) {
            try {
                runOnce();
                return;
            } catch (RuntimeException e) {
                if (!ProjectionFailures.isInfrastructure(e) || stopping.getAsBoolean()) {
                    LOG.error("Rebuild of {} into version {} failed", group, version, e);
                    update(Updates.combine(Updates.set("rebuild.state", FAILED), Updates.set("rebuild.error", ProjectionFailures.describe(e)),
                            Updates.set("rebuild.finishedAt", now())));
                    return;
                }
                LOG.warn("Rebuild of {}: MongoDB failed ({}); retrying from the last stored position in {}", group, e, backOff);
                sleep(backOff);
                backOff = backOff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backOff.multipliedBy(2);
            }
        }
    }

    private void runOnce() {
        Document rebuild = rebuild();
        if (rebuild == null) {
            return;
        }
        String state = rebuild.getString("state");
        if (CANCELLED.equals(state)) {
            dropNewVersion();
            update(Updates.set("rebuild.cleaned", true));
            return;
        }
        if (!RUNNING.equals(state) && !SWITCHING.equals(state)) {
            return;
        }
        long position = rebuild.get("position") instanceof Number number ? number.longValue() : -1;
        boolean fresh = position < 0;
        if (fresh) {
            dropNewVersion();
        }
        update(Updates.combine(Updates.set("rebuild.runBy", context.instance()), Updates.set("rebuild.runStartedAt", now()),
                Updates.set("rebuild.runStartPosition", position)));
        MongoDatabase target = ViewVersions.databaseFor(context.database(), group, version);
        IndexRebuild index = context.indexRebuild(group);
        // a group writing an index: its handlers made for the new index (and the new version of its collections)
        List<Object> handlers = index == null ? context.projections(group) : index.begin(version, fresh, target, context.properties().maxDocuments());
        RebuildBatch batch = new RebuildBatch(group, handlers, target, ProjectionCollections.of(group),
                fresh, context.properties().maxDocuments());
        // with a pause after every chunk (sparing a busy server), every chunk is written and paused after on its own
        RebuildPass pass = new RebuildPass(context.log(), List.of(batch), context.properties().chunkSize(),
                context.properties().chunkPause().isZero() ? RebuildPass.MAX_CHUNKS_PER_WRITE : 1);
        Progress progress = new Progress();
        while (true) {
            position = pass.run(position, (at, p) -> progress.written(at, p) && goOn());
            if (!goOn()) {
                if (CANCELLED.equals(rebuild().getString("state"))) {
                    dropNewVersion();
                    update(Updates.set("rebuild.cleaned", true));
                    LOG.warn("Rebuild of {} into version {} cancelled at position {}", group, version, position);
                } else if (stopping.getAsBoolean()) {
                    // this instance stops: the next attempt (here after a restart, or on another instance) resumes
                    update(Updates.inc("rebuild.attempt", 1));
                    LOG.warn("Rebuild of {} stops with this instance at position {}; it resumes there", group, position);
                }
                return;
            }
            if (context.log().headPosition() - position <= context.properties().chunkSize()) {
                break;
            }
        }
        switchTo(pass, batch, position, progress);
    }

    private void switchTo(RebuildPass pass, RebuildBatch batch, long position, Progress progress) {
        update(Updates.set("rebuild.state", SWITCHING));
        ProjectionControl control = context.control();
        String actor = "rebuild of " + group + " v" + version;
        boolean wasPaused = control.paused(group);
        if (!wasPaused) {
            control.pause(group, actor);
        }
        try {
            control.awaitReleased(group);
            long last = pass.run(position, progress::written);
            checkCollections(batch);
            Document before = context.versions().find(Filters.eq("_id", group)).first();
            int old = before != null && before.get("current") instanceof Number number ? number.intValue() : 0;
            IndexRebuild index = context.indexRebuild(group);
            // the alias and the collections switch while the live processor is paused: it sees both old or both new
            List<String> oldIndices = index == null ? List.of() : List.copyOf(index.switchOver(version));
            update(Updates.combine(Updates.set("current", version), Updates.set("rebuild.state", DONE),
                    Updates.set("rebuild.position", last), Updates.set("rebuild.head", Math.max(last, context.log().headPosition())),
                    Updates.set("rebuild.finishedAt", now()), Updates.set("rebuild.parkedEvents", batch.parkedEvents()),
                    Updates.push("retired", new Document("version", old).append("retiredAt", now()).append("indices", oldIndices))));
            context.viewVersions().refresh();
            sleep(context.viewVersions().cacheFor().plusMillis(100)); // every instance reads the new version before the live processor writes
            LOG.warn("Projection {} switched to version {} at position {} (version {} retired)", group, version, last, old);
        } catch (RuntimeException e) {
            update(Updates.set("rebuild.state", RUNNING)); // switched nothing: the next try starts over from the stored position
            throw e;
        } finally {
            if (!wasPaused) {
                // an instance stopping now interrupts this thread; the resume must still reach MongoDB, or the
                // group would stay paused on every instance
                boolean interrupted = Thread.interrupted();
                try {
                    control.resume(group, actor);
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    /** Every collection the handlers touched must be one the version switch renames, or queries would miss it. */
    private void checkCollections(RebuildBatch batch) {
        Set<String> undeclared = new HashSet<>();
        for (String touched : batch.collectionsTouched()) {
            if (!ProjectionCollections.of(group).contains(touched)) {
                undeclared.add(touched);
            }
        }
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("projection " + group + " wrote " + undeclared
                    + ", which ProjectionCollections does not list for it: add them there");
        }
    }

    private boolean goOn() {
        if (stopping.getAsBoolean()) {
            return false;
        }
        Document rebuild = rebuild();
        return rebuild != null && RUNNING.equals(rebuild.getString("state"));
    }

    private void dropNewVersion() {
        ViewVersions.drop(context.database(), group, version);
        IndexRebuild index = context.indexRebuild(group);
        if (index != null) {
            index.abandon(version);
        }
    }

    private Document rebuild() {
        Document state = context.versions().find(Filters.eq("_id", group)).first();
        Document rebuild = state == null ? null : state.get("rebuild", Document.class);
        return rebuild != null && rebuild.get("version") instanceof Number number && number.intValue() == version
                && rebuild.getInteger("attempt", 0) == attempt ? rebuild : null;
    }

    private void update(Bson change) {
        context.versions().updateOne(Filters.and(Filters.eq("_id", group), Filters.eq("rebuild.version", version)), change);
    }

    private Date now() {
        return Date.from(context.clock().instant());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stores the position after each chunk, with the head and the speed of this run (for percent done and ETA). */
    private final class Progress {
        private final long startedAt = System.nanoTime();

        boolean written(long position, RebuildPass pass) {
            double seconds = Math.max(1e-3, (System.nanoTime() - startedAt) / 1e9);
            update(Updates.combine(Updates.set("rebuild.position", position), Updates.set("rebuild.head", context.log().headPosition()),
                    Updates.set("rebuild.eventsPerSecond", Math.round(pass.events() / seconds)),
                    Updates.set("rebuild.parkedEvents", pass.batches().get(0).parkedEvents()),
                    Updates.set("rebuild.updatedAt", now())));
            Duration pause = context.properties().chunkPause();
            if (!pause.isZero()) {
                sleep(pause);
            }
            return true;
        }
    }

    /** What every rebuild of this application shares. */
    interface RebuildContext {
        MongoDatabase database();

        MongoCollection<Document> versions();

        ViewVersions viewVersions();

        EventLog log();

        List<Object> projections(String group);

        /** How to rebuild {@code group}'s Elasticsearch index; null for a MongoDB view group. */
        IndexRebuild indexRebuild(String group);

        ProjectionControl control();

        RebuildProperties properties();

        Clock clock();

        String instance();
    }
}
