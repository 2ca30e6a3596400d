package dev.kehu.query.projection.operations;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.RepeatingTask;
import dev.kehu.query.projection.SegmentClaims;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Spreads the segments of the split view groups over the running instances. Axon's processors claim every segment
 * nobody holds, so the instance that starts first would keep them all; here every instance says it is alive in
 * {@value #COLLECTION} and, once per {@code every}, releases the segments it holds beyond its share
 * (segments ÷ live instances, rounded up) for a while, so that the others' coordinators claim them. An instance that
 * stops releases its segments (Axon does on shutdown) and drops out of {@value #COLLECTION}, and the others claim
 * them within a second; one that dies leaves claims the others take once the token store's claim timeout has passed.
 * <p>
 * A group that has fewer segments than configured (it ran in one before {@code kehu.projections.segments} was raised:
 * Axon only uses the initial count when a group has no tokens yet) is split, one segment per round, by the instance
 * that holds its lowest segment, until it has the configured count. Fewer segments than stored need a reset of the
 * group's tokens (a replay from 0 with the new count); they are not merged here.
 */
public class SegmentBalancer implements SmartLifecycle, AutoCloseable {

    public static final String COLLECTION = "projection_instances";
    private static final Logger LOG = LoggerFactory.getLogger(SegmentBalancer.class);

    private final MongoCollection<Document> instances;
    private final Supplier<Configuration> axon;
    private final SegmentClaims claims;
    private final Clock clock;
    private final Duration every;
    private final int segments;
    private final RepeatingTask scheduler = new RepeatingTask("projection-segment-balancer");
    private volatile boolean running;

    /** With {@code claims} null the balancer does nothing (every group runs in one segment). */
    public SegmentBalancer(MongoDatabase database, Supplier<Configuration> axon, SegmentClaims claims, Clock clock, Duration every,
                           int segments) {
        this.segments = segments;
        this.instances = database.getCollection(COLLECTION);
        this.axon = axon;
        this.claims = claims;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public void start() {
        if (!running) {
            running = true;
            if (claims == null) {
                return;
            }
            scheduler.start(this::balanceQuietly, Duration.ZERO, every);
        }
    }

    /** One round: says this instance is alive, then releases what it holds beyond its share of every split group. */
    public void balance() {
        instances.replaceOne(Filters.eq("_id", claims.self()), new Document("_id", claims.self())
                .append("seenAt", Date.from(clock.instant())), new ReplaceOptions().upsert(true));
        long live = instances.countDocuments(Filters.gte("seenAt", Date.from(clock.instant().minus(every.multipliedBy(3)))));
        Configuration configuration = axon.get();
        if (configuration == null) {
            return;
        }
        for (String group : ProjectionGroups.SPLITTABLE) {
            configuration.eventProcessingConfiguration().eventProcessor(group, StreamingEventProcessor.class)
                    .filter(StreamingEventProcessor::isRunning)
                    .ifPresent(processor -> {
                        List<SegmentClaims.Claim> all = claims.claims(group);
                        if (all.isEmpty()) {
                            return;
                        }
                        if (all.size() < ProjectionGroups.segments(group, segments)) {
                            splitOne(group, processor, all);
                        } else if (live > 1) {
                            releaseExcess(group, processor, all, live);
                        }
                    });
        }
    }

    /** Splits the lowest segment if this instance holds it (so only one instance splits at a time). */
    private void splitOne(String group, StreamingEventProcessor processor, List<SegmentClaims.Claim> all) {
        SegmentClaims.Claim lowest = all.get(0);
        if (lowest.live() && claims.self().equals(lowest.owner())) {
            LOG.warn("Projection {}: {} segments stored, {} configured; splitting segment {}", group, all.size(),
                    ProjectionGroups.segments(group, segments), lowest.segment());
            processor.splitSegment(lowest.segment()).orTimeout(every.toMillis() * 5, TimeUnit.MILLISECONDS).join();
        }
    }

    private void releaseExcess(String group, StreamingEventProcessor processor, List<SegmentClaims.Claim> all, long live) {
        int share = (int) Math.ceil(all.size() / (double) live);
        List<Integer> mine = all.stream().filter(c -> c.live() && claims.self().equals(c.owner()))
                .map(SegmentClaims.Claim::segment).toList();
        for (int i = share; i < mine.size(); i++) {
            // long enough for another instance's coordinator (it looks every second) to claim it first
            processor.releaseSegment(mine.get(i), every.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Projection {}: segment {} released for another instance ({} live, share {})", group, mine.get(i), live, share);
        }
    }

    private void balanceQuietly() {
        try {
            balance();
        } catch (RuntimeException e) {
            LOG.warn("Could not balance the projection segments (tried again in {}): {}", every, e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        scheduler.stop();
        if (claims == null) {
            return;
        }
        try {
            instances.deleteOne(Filters.eq("_id", claims.self()));
        } catch (RuntimeException e) {
            LOG.warn("Could not remove this instance from {}: {}", COLLECTION, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        stop();
    }
}
