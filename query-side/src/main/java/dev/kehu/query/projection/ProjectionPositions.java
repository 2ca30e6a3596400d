package dev.kehu.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * How far each processing group has read the event log. Two sources: the tracking processor's
 * own status in this JVM (advances also over events the group ignores), and the
 * {@code projection_positions} collection ({@code _id} = processing group, {@code position}),
 * written after every batch, which other nodes can read. A group's position is the larger of both.
 * <p>
 * A group split in segments ({@link ProjectionGroups#SPLITTABLE}) is as far as its slowest segment, wherever that
 * runs: its position comes from each segment's token in the shared token store ({@link SegmentClaims}), or from the
 * segment's status where it runs in this JVM.
 */
public class ProjectionPositions {

    public static final String COLLECTION = "projection_positions";

    private final MongoCollection<Document> collection;
    private final Supplier<Configuration> axon;
    private final Clock clock;
    private final SegmentClaims claims;
    private final int segments;

    public ProjectionPositions(MongoDatabase database, Supplier<Configuration> axon, Clock clock) {
        this(database, axon, clock, null, 1);
    }

    /** With {@code segments} segments per splittable group, whose tokens {@code claims} reads (null: no split groups). */
    public ProjectionPositions(MongoDatabase database, Supplier<Configuration> axon, Clock clock, SegmentClaims claims, int segments) {
        this.collection = database.getCollection(COLLECTION);
        this.axon = axon;
        this.clock = clock;
        this.claims = claims;
        this.segments = claims == null ? 1 : segments;
    }

    private boolean split(String processingGroup) {
        return ProjectionGroups.segments(processingGroup, segments) > 1;
    }

    /** The split group's segments: the status of those running here, the stored token of the others. */
    private Map<Integer, TrackingToken> segmentTokens(String processingGroup) {
        Map<Integer, EventTrackerStatus> here = processor(processingGroup)
                .map(StreamingEventProcessor::processingStatus).orElse(Map.of());
        Map<Integer, TrackingToken> tokens = new LinkedHashMap<>();
        for (SegmentClaims.Claim claim : claims.claims(processingGroup)) {
            EventTrackerStatus status = here.get(claim.segment());
            tokens.put(claim.segment(), status != null && status.getTrackingToken() != null ? status.getTrackingToken() : claim.token());
        }
        return tokens;
    }

    private long splitPosition(String processingGroup) {
        Map<Integer, TrackingToken> tokens = segmentTokens(processingGroup);
        if (tokens.isEmpty()) {
            return -1;
        }
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens.values()) {
            TrackingToken lower = WrappedToken.unwrapLowerBound(token);
            lowest = Math.min(lowest, lower == null ? -1 : lower.position().orElse(-1));
        }
        return lowest;
    }

    void record(String processingGroup, long position) {
        collection.updateOne(Filters.eq("_id", processingGroup),
                Updates.combine(Updates.max("position", position), Updates.set("updatedAt", Date.from(clock.instant()))),
                new UpdateOptions().upsert(true));
    }

    /** The global position up to which the group has applied the event log, or -1 when it has applied nothing. */
    public long position(String processingGroup) {
        if (split(processingGroup)) {
            return splitPosition(processingGroup);
        }
        return Math.max(storedPosition(processingGroup), processorPosition(processingGroup).orElse(-1));
    }

    /** The lowest position over the given groups: a view built from several groups is as fresh as its slowest. */
    public long position(Collection<String> processingGroups) {
        return processingGroups.stream().mapToLong(this::position).min().orElse(-1);
    }

    /**
     * Waits until every group has reached {@code minPosition}, at most {@code timeout}.
     * Without a {@code minPosition} it answers at once.
     */
    public Freshness await(Collection<String> processingGroups, Long minPosition, Duration timeout) {
        long position = position(processingGroups);
        if (minPosition == null || reached(processingGroups, minPosition)) {
            return new Freshness(position, false);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (reached(processingGroups, minPosition)) {
                return new Freshness(position(processingGroups), false);
            }
        }
        return new Freshness(position(processingGroups), true);
    }

    /**
     * Whether every group has applied the event at {@code position}. With gap-aware tokens a
     * processor can be past a position whose event was still invisible when it read by (a gap it
     * will come back to), so its token must cover the position, not only have a higher index.
     */
    public boolean reached(Collection<String> processingGroups, long position) {
        for (String group : processingGroups) {
            if (split(group)) {
                Collection<TrackingToken> tokens = segmentTokens(group).values();
                if (tokens.isEmpty() || !tokens.stream().allMatch(token -> covers(token, position))) {
                    return false;
                }
                continue;
            }
            Collection<EventTrackerStatus> segments = processor(group)
                    .map(p -> (Collection<EventTrackerStatus>) p.processingStatus().values())
                    .orElse(java.util.List.of());
            // segments processed on this node: their tokens; otherwise the position other nodes recorded
            boolean reached = segments.isEmpty() ? storedPosition(group) >= position : covers(segments, position);
            if (!reached) {
                return false;
            }
        }
        return true;
    }

    static boolean covers(Collection<EventTrackerStatus> segments, long position) {
        if (segments.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : segments) {
            if (!covers(segment.getTrackingToken(), position)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a processor reading with {@code token} has seen the event at {@code position}. */
    static boolean covers(TrackingToken token, long position) {
        TrackingToken lower = WrappedToken.unwrapLowerBound(token);
        if (lower == null) {
            return false;
        }
        if (lower instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return lower.position().orElse(-1) >= position;
    }

    private long storedPosition(String processingGroup) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", processingGroup)).first())
                .map(document -> ((Number) document.get("position")).longValue())
                .orElse(-1L);
    }

    /** Position, head of the event log and lag of every group, for operators. */
    public Map<String, Map<String, Object>> status(Collection<String> processingGroups) {
        Long head = headPosition();
        Map<String, Map<String, Object>> status = new LinkedHashMap<>();
        for (String group : processingGroups) {
            long position = position(group);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("position", position);
            entry.put("headPosition", head);
            entry.put("lag", head == null ? null : Math.max(0, head - position));
            entry.put("replaying", processor(group).map(StreamingEventProcessor::isReplaying).orElse(false));
            status.put(group, entry);
        }
        return status;
    }

    /** Whether a processor of this group runs in this application. */
    public boolean runsHere(String processingGroup) {
        return processor(processingGroup).isPresent();
    }

    private Long headPosition() {
        try {
            Configuration configuration = axon.get();
            if (configuration == null) {
                return null;
            }
            TrackingToken headToken = configuration.eventStore().createHeadToken();
            OptionalLong head = headToken == null ? OptionalLong.empty() : headToken.position();
            return head.isPresent() ? head.getAsLong() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private OptionalLong processorPosition(String processingGroup) {
        return processor(processingGroup)
                .map(processor -> {
                    Collection<EventTrackerStatus> segments = processor.processingStatus().values();
                    if (segments.isEmpty()) {
                        return OptionalLong.empty();
                    }
                    long lowest = Long.MAX_VALUE;
                    for (EventTrackerStatus segment : segments) {
                        OptionalLong current = segment.getCurrentPosition();
                        if (current.isEmpty()) {
                            return OptionalLong.empty();
                        }
                        lowest = Math.min(lowest, current.getAsLong());
                    }
                    return OptionalLong.of(lowest);
                })
                .orElse(OptionalLong.empty());
    }

    private Optional<StreamingEventProcessor> processor(String processingGroup) {
        try {
            Configuration configuration = axon.get();
            if (configuration == null) {
                return Optional.empty();
            }
            return configuration.eventProcessingConfiguration()
                    .eventProcessor(processingGroup, StreamingEventProcessor.class);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Where a view stood when it answered: its position and whether it missed the caller's {@code minPosition}. */
    public record Freshness(long position, boolean stale) {
    }
}
