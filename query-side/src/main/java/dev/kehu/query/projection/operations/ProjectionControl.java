package dev.kehu.query.projection.operations;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.RepeatingTask;
import dev.kehu.query.web.InvalidQueryParameter;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Pause, resume and replay of streaming processing groups, across instances.
 * <p>
 * Pausing one instance's processor alone would not pause the group: another instance would claim the
 * released token and go on. So the state lives in MongoDB ({@value #COLLECTION}, {@code _id} = group,
 * {@code paused}, who and when), and every instance reconciles its own processors with it once a
 * second ({@link #reconcile}): a paused group's processor is shut down, and a group resumed is started
 * again where this instance had stopped it (a processor that was never started here, as in the
 * benchmarks, stays as it is).
 * <p>
 * Replay moves each segment's token back to just before {@code fromPosition}, wrapped in Axon's
 * {@link ReplayToken} (the status shows {@code replaying} until the group is past where it was). Reset
 * handlers are not called: views are not dropped, and every view document skips the events it has
 * already applied ({@code appliedPosition}); replay is for views restored from a backup or a token
 * moved too far. Recomputing a view from scratch is a rebuild.
 */
public class ProjectionControl implements SmartLifecycle, AutoCloseable {

    public static final String COLLECTION = "projection_controls";
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionControl.class);
    /** How long a replay waits for other instances to release the group's segments (they reconcile once a second). */
    static final Duration RELEASE_WAIT = Duration.ofSeconds(10);

    private final MongoCollection<Document> controls;
    private final Supplier<Configuration> axon;
    private final Clock clock;
    private final Set<String> stoppedHere = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Void>> stopping = new ConcurrentHashMap<>();
    private final RepeatingTask reconciler = new RepeatingTask("projection-control");
    private final Duration reconcileEvery;
    private volatile boolean running;

    public ProjectionControl(MongoDatabase database, Supplier<Configuration> axon, Clock clock, Duration reconcileEvery) {
        this.controls = database.getCollection(COLLECTION);
        this.axon = axon;
        this.clock = clock;
        this.reconcileEvery = reconcileEvery;
    }

    /** Reconciling starts once the application context is up (never creating Axon's configuration from its own thread). */
    @Override
    public void start() {
        if (!running) {
            running = true;
            reconciler.start(this::reconcileQuietly, reconcileEvery, reconcileEvery);
        }
    }

    @Override
    public void stop() {
        running = false;
        reconciler.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Every streaming processing group of this application: the MongoDB views first, then the others by name. */
    public List<String> groups() {
        Configuration configuration = axon.get();
        if (configuration == null) {
            return List.of();
        }
        List<String> groups = new ArrayList<>();
        Map<String, EventProcessor> processors = configuration.eventProcessingConfiguration().eventProcessors();
        for (String group : ProjectionGroups.ALL) {
            if (processors.get(group) instanceof StreamingEventProcessor) {
                groups.add(group);
            }
        }
        processors.entrySet().stream()
                .filter(e -> e.getValue() instanceof StreamingEventProcessor && !groups.contains(e.getKey()))
                .map(Map.Entry::getKey).sorted().forEach(groups::add);
        return groups;
    }

    /** The group's processor in this application, or {@link UnknownProjection}. */
    public StreamingEventProcessor processor(String group) {
        Configuration configuration = axon.get();
        if (configuration == null || group == null) {
            throw new UnknownProjection(group);
        }
        return configuration.eventProcessingConfiguration().eventProcessor(group, StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProjection(group));
    }

    /** The group's control document (paused, by whom, when; the last replay), empty when never operated. */
    public Document state(String group) {
        Document state = controls.find(Filters.eq("_id", group)).first();
        return state == null ? new Document("_id", group).append("paused", false) : state;
    }

    public boolean paused(String group) {
        return Boolean.TRUE.equals(state(group).getBoolean("paused"));
    }

    /** Pauses the group on every instance (this one at once, the others within a second). */
    public void pause(String group, String actor) {
        processor(group);
        controls.updateOne(Filters.eq("_id", group), Updates.combine(Updates.set("paused", true),
                Updates.set("pausedBy", actor), Updates.set("pausedAt", Date.from(clock.instant()))), new UpdateOptions().upsert(true));
        LOG.warn("Projection {} paused by {}", group, actor);
        reconcile(group);
    }

    /** Resumes the group on every instance where a pause stopped it. */
    public void resume(String group, String actor) {
        processor(group);
        controls.updateOne(Filters.eq("_id", group), Updates.combine(Updates.set("paused", false),
                Updates.set("resumedBy", actor), Updates.set("resumedAt", Date.from(clock.instant()))), new UpdateOptions().upsert(true));
        LOG.warn("Projection {} resumed by {}", group, actor);
        reconcile(group);
    }

    /**
     * Replays the group from {@code fromPosition} (the first global position applied again): pauses it
     * if it runs, waits for every instance to release its segments, moves each segment's token back,
     * and resumes it unless it was paused before. Answers the segments moved.
     */
    public int replay(String group, long fromPosition, String actor) {
        StreamingEventProcessor processor = processor(group);
        Configuration configuration = axon.get();
        TrackingToken head = configuration.eventStore().createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        if (fromPosition < 0 || fromPosition > headPosition + 1) {
            throw new InvalidQueryParameter("fromPosition", "must be between 0 and " + (headPosition + 1)
                    + " (one past the head of the event log), got " + fromPosition);
        }
        TokenStore tokens = configuration.eventProcessingConfiguration().tokenStore(group);
        boolean wasPaused = paused(group);
        if (!wasPaused) {
            pause(group, actor);
        }
        try {
            awaitStopped(group, processor);
            int[] segments = tokens.fetchSegments(group);
            if (segments.length == 0) {
                throw new ProjectionOperationRefused(group, "projection '" + group
                        + "' has not started yet: it reads the whole log when it starts, there is nothing to replay");
            }
            TrackingToken start = tokenBefore(configuration, fromPosition);
            for (int segment : segments) {
                TrackingToken current = claim(tokens, group, segment);
                try {
                    tokens.storeToken(ReplayToken.createReplayToken(current, start), group, segment);
                } finally {
                    tokens.releaseClaim(group, segment);
                }
            }
            controls.updateOne(Filters.eq("_id", group), Updates.set("lastReplay", new Document("fromPosition", fromPosition)
                    .append("by", actor).append("at", Date.from(clock.instant()))), new UpdateOptions().upsert(true));
            LOG.warn("Projection {} replays from position {} ({} segments), by {}", group, fromPosition, segments.length, actor);
            return segments.length;
        } finally {
            if (!wasPaused) {
                resume(group, actor);
            }
        }
    }

    /**
     * After a {@link #pause}: waits until no instance processes the group any more (this one's processor stopped,
     * every segment's claim released, which other instances do within a second); 409 after {@link #RELEASE_WAIT}.
     */
    public void awaitReleased(String group) {
        StreamingEventProcessor processor = processor(group);
        awaitStopped(group, processor);
        TokenStore tokens = axon.get().eventProcessingConfiguration().tokenStore(group);
        for (int segment : tokens.fetchSegments(group)) {
            claim(tokens, group, segment);
            tokens.releaseClaim(group, segment);
        }
    }

    private void awaitStopped(String group, StreamingEventProcessor processor) {
        try {
            processor.shutdownAsync().get(RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectionOperationRefused(group, "interrupted while projection '" + group + "' stopped");
        } catch (Exception e) {
            throw new ProjectionOperationRefused(group, "projection '" + group + "' did not stop within " + RELEASE_WAIT.toSeconds() + " s");
        }
    }

    /** Claims a segment, waiting for the other instances (which reconcile once a second) to release it. */
    private static TrackingToken claim(TokenStore tokens, String group, int segment) {
        long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
        while (true) {
            try {
                return tokens.fetchToken(group, segment);
            } catch (UnableToClaimTokenException e) {
                if (System.nanoTime() > deadline) {
                    throw new ProjectionOperationRefused(group, "segment " + segment + " of projection '" + group
                            + "' is still claimed by another instance after " + RELEASE_WAIT.toSeconds() + " s; nothing was replayed");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ProjectionOperationRefused(group, "interrupted while waiting for segment " + segment);
                }
            }
        }
    }

    /** The token of the event store's own kind that makes a processor read from {@code position} on. */
    static TrackingToken tokenBefore(Configuration configuration, long position) {
        TrackingToken tail = configuration.eventStore().createTailToken();
        if (tail instanceof GlobalSequenceTrackingToken) {
            return new GlobalSequenceTrackingToken(position - 1);
        }
        return GapAwareTrackingToken.newInstance(position - 1, List.of());
    }

    /** Brings this instance's processors in line with the paused flags. */
    public void reconcile() {
        for (String group : groups()) {
            reconcile(group);
        }
    }

    private synchronized void reconcile(String group) {
        StreamingEventProcessor processor = processor(group);
        if (paused(group)) {
            if (processor.isRunning()) {
                stoppedHere.add(group);
                stopping.put(group, processor.shutdownAsync());
            }
        } else if (stoppedHere.remove(group)) {
            CompletableFuture<Void> stopped = stopping.remove(group);
            try {
                if (stopped != null) {
                    stopped.get(RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS); // a processor starts only once it has stopped
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("Projection {} had not stopped cleanly before its resume: {}", group, e.toString());
            }
            if (!processor.isRunning()) {
                processor.start();
            }
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warn("Could not reconcile the projections with their pause flags (retried in a second): {}", e.toString());
        }
    }

    @Override
    public void close() {
        stop();
    }
}
