package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.RawBsonDocument;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;

/**
 * Reads the global stream by windows, {@code _id $in} the token's gaps and the next {@code batchSize} positions
 * (near the head, and for gaps: the cost of a window does not depend on the store's size), and decides what of
 * any run of fetched positions is delivered ({@link #classify}): complete commits are, abandoned documents are
 * passed over, reading stops before a commit still being inserted, and gaps older than the gap timeout are given up.
 */
final class StreamWindows {

    private final MongoCollection<RawBsonDocument> rawEvents;
    private final CommitLog commits;
    private final EventStoreSettings settings;
    private final Clock clock;

    StreamWindows(MongoCollection<RawBsonDocument> rawEvents, CommitLog commits, EventStoreSettings settings, Clock clock) {
        this.rawEvents = rawEvents;
        this.commits = commits;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * One batch of visible events after {@code token} by windows: its gaps plus the next {@code batchSize}
     * positions. Empty when nothing new is visible.
     */
    StreamWindow read(GapAwareTrackingToken token) {
        long windowStart = token.getIndex() + 1;
        for (int attempt = 0; ; attempt++) {
            long windowEnd = windowStart + settings.batchSize() - 1;
            StreamWindow window = classify(token, fetchWindow(token, windowStart, windowEnd), windowStart, windowEnd);
            if (!window.events().isEmpty() || window.stoppedAtPending() || attempt >= 100) {
                return window;
            }
            if (window.token().getIndex() > token.getIndex()) {
                // only abandoned documents: go on after them (the next event delivered carries the token past them)
                token = window.token();
                windowStart = token.getIndex() + 1;
                continue;
            }
            // nothing stored in this window; a store of the counter-based predecessor may have a run of positions
            // reserved but never written: go on if anything is stored after it
            if (!commits.anyAfter(windowEnd)) {
                return window;
            }
            windowStart = windowEnd + 1;
            token = withExpiredGapsRemoved(token, Map.of());
        }
    }

    private Map<Long, StreamedEvent> fetchWindow(GapAwareTrackingToken token, long windowStart, long windowEnd) {
        SortedGaps gaps = new SortedGaps(token.getGaps());
        List<Long> ids = new ArrayList<>(gaps.size() * 2 + settings.batchSize());
        ids.addAll(gaps.positions());
        ids.addAll(gaps.successorsOfRuns(token.getIndex()));
        for (long position = windowStart; position <= windowEnd; position++) {
            ids.add(position);
        }
        Map<Long, StreamedEvent> fetched = new HashMap<>(ids.size() * 2);
        // mongo-java-server checks each returned document against the whole $in list, so a query's cost grows with
        // the square of its list: many gaps are fetched in several queries of at most batchSize positions
        for (int from = 0; from < ids.size(); from += settings.batchSize()) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + settings.batchSize()));
            for (RawBsonDocument document : rawEvents.find(Filters.in(EventFields.ID, chunk)).batchSize(chunk.size())) {
                StreamedEvent event = StreamedEvent.of(document);
                fetched.put(event.position, event);
            }
        }
        return fetched;
    }

    /**
     * Decides, in position order, what of {@code fetched} (the token's gaps and the positions windowStart …
     * windowEnd) is delivered: events of complete commits are, abandoned documents are passed over, and reading
     * stops before a commit that is still being inserted. A missing position below a delivered one becomes a gap
     * of the token (only stores of the counter-based predecessor have such holes).
     */
    StreamWindow classify(GapAwareTrackingToken token, Map<Long, StreamedEvent> fetched, long windowStart,
                            long windowEnd) {
        TreeMap<Long, CommitLog.State> states = new TreeMap<>();
        Map<String, CommitLog.State> byCommit = new HashMap<>();
        LongFunction<CommitLog.CommitRef> alsoFetched = position -> {
            StreamedEvent other = fetched.get(position);
            return other == null ? null : other.ref();
        };
        for (Map.Entry<Long, StreamedEvent> entry : fetched.entrySet()) {
            StreamedEvent event = entry.getValue();
            CommitLog.State state;
            if (event.abandoned) {
                state = CommitLog.State.ABANDONED;
            } else if (event.commitLast == event.position) {
                state = CommitLog.State.COMPLETE; // the commit's last document: the commit is complete
            } else {
                String commit = event.commitFirst + ":" + event.commitLast;
                state = byCommit.computeIfAbsent(commit, key -> commits.stateOf(event.ref(), alsoFetched));
            }
            states.put(entry.getKey(), state);
        }
        GapAwareTrackingToken current = token.getGaps().isEmpty() ? token
                : withExpiredGapsRemoved(token, completeOnly(fetched, states));
        Set<Long> gaps = token.getGaps().isEmpty() ? Set.of() : new HashSet<>(token.getGaps());
        List<StoredEventData> result = new ArrayList<>(states.size());
        boolean stoppedAtPending = false;
        for (Map.Entry<Long, CommitLog.State> entry : states.entrySet()) {
            long position = entry.getKey();
            CommitLog.State state = entry.getValue();
            boolean isGap = position < windowStart;
            if (isGap && !gaps.contains(position)) {
                continue; // the visible successor of a gap run, fetched only to judge the run's age
            }
            if (position > windowEnd) {
                break;
            }
            if (state == CommitLog.State.PENDING) {
                if (isGap) {
                    continue;
                }
                stoppedAtPending = true;
                break; // still being inserted, and the last thing in the log
            }
            if (position <= current.getIndex() && !current.getGaps().contains(position)) {
                continue; // a gap that expired in the meantime and was just filled: it was given up on
            }
            current = current.advanceTo(position, settings.maxGapOffset());
            if (state == CommitLog.State.COMPLETE) {
                result.add(StoredEventData.of(fetched.get(position), current));
            }
        }
        return new StreamWindow(result, current, stoppedAtPending);
    }

    private static Map<Long, StreamedEvent> completeOnly(Map<Long, StreamedEvent> fetched,
                                                         Map<Long, CommitLog.State> states) {
        Map<Long, StreamedEvent> result = new HashMap<>(fetched.size() * 2);
        states.forEach((position, state) -> {
            if (state == CommitLog.State.COMPLETE) {
                result.put(position, fetched.get(position));
            }
        });
        return result;
    }

    /**
     * Drops gaps that have been waited for longer than the gap timeout: a gap run is given up when the first
     * visible event after it is older than the timeout (the gap's position was reserved before that event was
     * written, so its writer has had at least that long).
     */
    private GapAwareTrackingToken withExpiredGapsRemoved(GapAwareTrackingToken token,
                                                         Map<Long, StreamedEvent> visible) {
        if (token.getGaps().isEmpty()) {
            return token;
        }
        long deadline = clock.millis() - settings.gapTimeout().toMillis();
        Set<Long> remaining = new TreeSet<>(token.getGaps());
        boolean changed = false;
        for (List<Long> run : new SortedGaps(token.getGaps()).runs()) {
            long successor = run.get(run.size() - 1) + 1;
            StreamedEvent after = visible.get(successor);
            if (after != null && after.timestamp < deadline) {
                boolean anyFilled = false;
                for (Long gap : run) {
                    anyFilled |= visible.containsKey(gap);
                }
                if (!anyFilled) {
                    remaining.removeAll(run);
                    changed = true;
                }
            }
        }
        return changed ? GapAwareTrackingToken.newInstance(token.getIndex(), remaining) : token;
    }

    /** Gap positions in order, grouped into runs of consecutive positions. */
    private static final class SortedGaps {
        private final List<Long> positions;

        SortedGaps(Collection<Long> gaps) {
            this.positions = new ArrayList<>(new TreeSet<>(gaps));
        }

        int size() {
            return positions.size();
        }

        List<Long> positions() {
            return positions;
        }

        List<List<Long>> runs() {
            List<List<Long>> runs = new ArrayList<>();
            List<Long> run = null;
            for (Long position : positions) {
                if (run == null || run.get(run.size() - 1) + 1 != position) {
                    run = new ArrayList<>();
                    runs.add(run);
                }
                run.add(position);
            }
            return runs;
        }

        /** The position after each run (an event that is visible, since the token saw it), up to the index. */
        List<Long> successorsOfRuns(long index) {
            List<Long> successors = new ArrayList<>();
            for (List<Long> run : runs()) {
                long successor = run.get(run.size() - 1) + 1;
                if (successor <= index) {
                    successors.add(successor);
                }
            }
            return successors;
        }
    }
}
