package dev.kehu.query.projection.operations;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.projection.DeadLetterQueues;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ProjectionStatusSource;
import dev.kehu.query.projection.SkippedEvents;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The status of every streaming processing group (the MongoDB views, customer search, opportunity
 * reporting, the audit index, whatever runs here): position, head, lag and replaying
 * ({@link ProjectionPositions}), events skipped at write time ({@link SkippedEvents}), parked events
 * ({@code deadLetters}: a non-zero count means events wait for a retry or a skip), and whether it is
 * paused, cluster-wide, and running in this instance.
 */
public class ProjectionStatuses implements ProjectionStatusSource {

    private final MongoDatabase database;
    private final ProjectionPositions positions;
    private final SkippedEvents skipped;
    private final ProjectionControl control;
    private final List<Extra> extras;

    public ProjectionStatuses(MongoDatabase database, ProjectionPositions positions, SkippedEvents skipped, ProjectionControl control) {
        this(database, positions, skipped, control, List.of());
    }

    /** With {@code extras}: what other parts (the rebuild) add to one group's status. */
    public ProjectionStatuses(MongoDatabase database, ProjectionPositions positions, SkippedEvents skipped, ProjectionControl control,
                              List<Extra> extras) {
        this.database = database;
        this.positions = positions;
        this.skipped = skipped;
        this.control = control;
        this.extras = List.copyOf(extras);
    }

    /** Adds to one group's status (for {@code GET /api/projections/{name}}). */
    @FunctionalInterface
    public interface Extra {
        void addTo(String group, Map<String, Object> status);
    }

    @Override
    public Map<String, Map<String, Object>> all() {
        List<String> groups = control.groups();
        if (groups.isEmpty()) {
            groups = new ArrayList<>(ProjectionGroups.ALL); // Axon not configured yet: the views, from what MongoDB knows
        }
        Map<String, Map<String, Object>> status = positions.status(groups);
        status.forEach(this::complete);
        return status;
    }

    /** One group's status with its segments in this instance and the last pause, resume and replay. */
    public Map<String, Object> one(String group) {
        StreamingEventProcessor processor = control.processor(group);
        Map<String, Object> status = positions.status(List.of(group)).get(group);
        complete(group, status);
        List<Map<String, Object>> segments = new ArrayList<>();
        for (Map.Entry<Integer, EventTrackerStatus> segment : processor.processingStatus().entrySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("segment", segment.getKey());
            entry.put("position", segment.getValue().getCurrentPosition().isPresent()
                    ? segment.getValue().getCurrentPosition().getAsLong() : null);
            entry.put("caughtUp", segment.getValue().isCaughtUp());
            entry.put("replaying", segment.getValue().isReplaying());
            entry.put("error", segment.getValue().isErrorState() ? String.valueOf(segment.getValue().getError()) : null);
            segments.add(entry);
        }
        status.put("segmentsHere", segments);
        extras.forEach(extra -> extra.addTo(group, status));
        Document state = control.state(group);
        for (String key : List.of("pausedBy", "pausedAt", "resumedBy", "resumedAt")) {
            if (state.containsKey(key)) {
                status.put(key, state.get(key) instanceof Date date ? date.toInstant().toString() : state.get(key));
            }
        }
        Document replay = state.get("lastReplay", Document.class);
        if (replay != null) {
            status.put("lastReplay", Map.of("fromPosition", replay.get("fromPosition"), "by", replay.getString("by"),
                    "at", replay.getDate("at").toInstant().toString()));
        }
        return status;
    }

    private void complete(String group, Map<String, Object> entry) {
        entry.put("skipped", skipped.count(group));
        entry.put("deadLetters", DeadLetterQueues.count(database, group));
        entry.put("paused", control.paused(group));
        entry.put("runningHere", positions.runsHere(group) && control.processor(group).isRunning());
    }
}
