package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads the global stream for tracking processors, in position order, each event with its
 * {@link GapAwareTrackingToken}. Two ways to reach the documents, both by {@code _id}:
 * <ul>
 *   <li><b>Windows</b> (near the head, and for gaps): {@code _id $in} the token's gaps and the next
 *       {@code batchSize} positions; the cost of a window does not depend on the store's size.</li>
 *   <li><b>One cursor</b> (catching up from far behind): {@code _id > index}, read in chunks and put in position
 *       order. On MongoDB that is a walk of the {@code _id} index. mongo-java-server has no range index, so its
 *       one query looks at every document once; it is only used while the events still to read are at least a
 *       quarter of the store, so each event read costs at most four documents looked at, whatever the store's
 *       size.</li>
 * </ul>
 * Both keep the documents as the raw bytes the driver received and scan them ({@link StreamedEvent}). While the
 * consumer handles one batch, the next one is read on a background thread, so database round trips overlap with
 * event handling.
 */
final class EventStreamReader {

    private static final Logger log = LoggerFactory.getLogger(EventStreamReader.class);
    private static final ExecutorService PREFETCHER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "kehu-event-prefetch");
        thread.setDaemon(true);
        return thread;
    });

    private final MongoCollection<RawBsonDocument> rawEvents;
    private final CommitLog commits;
    private final EventStoreSettings settings;
    private final Clock clock;
    private final LongSupplier head;
    /** Documents per chunk of the catch-up cursor: four windows' worth. */
    private final int cursorChunk;

    EventStreamReader(MongoCollection<BsonDocument> events, CommitLog commits, EventStoreSettings settings,
                      Clock clock, LongSupplier head) {
        this.rawEvents = events.withDocumentClass(RawBsonDocument.class);
        this.commits = commits;
        this.settings = settings;
        this.clock = clock;
        this.head = head;
        this.cursorChunk = 4 * settings.batchSize();
    }

    /** Every visible event after {@code start}, until nothing more is visible right now. */
    Stream<StoredEventData> read(GapAwareTrackingToken start) {
        BatchSpliterator spliterator = new BatchSpliterator(start);
        return StreamSupport.stream(spliterator, false).onClose(spliterator::close);
    }

    /** The events of one read, the token after everything decided in it, and whether it stopped before a commit
     * that is still being inserted. */
    private record Window(List<StoredEventData> events, GapAwareTrackingToken token, boolean stoppedAtPending) {
    }

    private final class BatchSpliterator extends Spliterators.AbstractSpliterator<StoredEventData> {
        private volatile GapAwareTrackingToken readThrough;
        private volatile CatchUp catchUp;
        private volatile boolean catchUpConsidered;
        private volatile boolean closed;
        private Iterator<StoredEventData> batch = Collections.emptyIterator();
        private CompletableFuture<List<StoredEventData>> prefetched;

        BatchSpliterator(GapAwareTrackingToken start) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.readThrough = start;
        }

        @Override
        public boolean tryAdvance(Consumer<? super StoredEventData> action) {
            if (!batch.hasNext()) {
                if (closed) {
                    return false;
                }
                List<StoredEventData> next = nextBatch();
                if (next.isEmpty()) {
                    close();
                    return false;
                }
                prefetched = CompletableFuture.supplyAsync(this::readNext, PREFETCHER);
                batch = next.iterator();
            }
            action.accept(batch.next());
            return true;
        }

        private List<StoredEventData> nextBatch() {
            if (prefetched == null) {
                return readNext();
            }
            try {
                return prefetched.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }

        /** Runs on one thread at a time: the caller's for the first batch, then one prefetch after another. */
        private List<StoredEventData> readNext() {
            if (!catchUpConsidered) {
                catchUpConsidered = true;
                GapAwareTrackingToken token = readThrough;
                if (token.getGaps().isEmpty() && farBehind(token)) {
                    catchUp = new CatchUp(token);
                }
            }
            CatchUp current = catchUp;
            if (current != null) {
                Window window = current.next();
                if (window != null) {
                    readThrough = window.token();
                    return window.events();
                }
                readThrough = current.endedAt();
                current.close();
                catchUp = null; // the cursor is done: windows take over from where it ended
            }
            Window window = readWindows(readThrough);
            readThrough = window.token();
            return window.events();
        }

        void close() {
            closed = true;
            CatchUp current = catchUp;
            if (current != null) {
                current.close();
            }
            if (prefetched != null) {
                prefetched.cancel(false);
            }
        }
    }

    /**
     * Catching up from far behind with one cursor, {@code _id > index}, in three stages on
     * their own threads: one thread pulls raw chunks from the cursor (the server encodes the next chunk meanwhile),
     * one decodes and judges them in order, and the processor handles the chunk before. Two chunks at most wait
     * between stages.
     */
    private final class CatchUp {
        private static final Object END = new Object();
        private final BlockingQueue<Object> raw = new ArrayBlockingQueue<>(2);
        private final BlockingQueue<Object> judged = new ArrayBlockingQueue<>(2);
        private final MongoCursor<RawBsonDocument> cursor;
        /** Set by the consumer: nobody reads on. */
        private volatile boolean closed;
        /** Set by the judge when it stops: the cursor is done, or the rest is left to windows. */
        private volatile boolean judgeEnded;
        private volatile GapAwareTrackingToken endedAt;

        CatchUp(GapAwareTrackingToken start) {
            this.endedAt = start;
            // no sort: mongo-java-server would sort everything in memory before the first chunk (a third of a second
            // at 200k events); on MongoDB a range on _id is answered from the _id index, in _id order
            this.cursor = rawEvents.find(new BsonDocument(EventFields.ID,
                            new BsonDocument("$gt", new BsonInt64(start.getIndex()))))
                    .batchSize(cursorChunk).cursor();
            PREFETCHER.execute(this::pull);
            PREFETCHER.execute(() -> judge(start));
        }

        /** The next window with events (or stopped before a pending commit); null once the catch-up is over. */
        Window next() {
            Object item = take(judged);
            return item instanceof Window window ? window : null;
        }

        /** The token after everything the catch-up judged, once {@link #next()} returned null. */
        GapAwareTrackingToken endedAt() {
            return endedAt;
        }

        private void pull() {
            try {
                while (!closed && !judgeEnded) {
                    List<RawBsonDocument> chunk = new ArrayList<>(cursorChunk);
                    while (chunk.size() < cursorChunk && cursor.hasNext()) {
                        chunk.add(cursor.next());
                    }
                    if (chunk.isEmpty()) {
                        break;
                    }
                    put(raw, chunk);
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    log.debug("The catch-up cursor failed; reading by windows from here", e);
                }
            } finally {
                put(raw, END);
                try {
                    cursor.close();
                } catch (RuntimeException e) {
                    log.debug("Closing the catch-up cursor failed", e);
                }
            }
        }

        /**
         * Decodes the raw chunks and judges them in position order. The cursor returns documents in the store's
         * natural order, which for this append-only log is position order; a document out of place waits (at most
         * {@code maxOutOfOrder} of them) until the positions before it arrived. Anything else — more disorder, a
         * position the cursor never returns, a pending commit — ends the catch-up, and windows read on from the
         * last position judged, so an event is never skipped nor delivered out of order.
         */
        private void judge(GapAwareTrackingToken start) {
            GapAwareTrackingToken current = start;
            TreeMap<Long, StreamedEvent> waiting = new TreeMap<>();
            int maxOutOfOrder = 4 * cursorChunk;
            try {
                while (!closed) {
                    Object item = take(raw);
                    if (!(item instanceof List<?> rawChunk)) {
                        break; // the cursor is done (or failed, or the catch-up was closed)
                    }
                    for (Object document : rawChunk) {
                        StreamedEvent event = StreamedEvent.of((RawBsonDocument) document);
                        if (event.position > current.getIndex()) {
                            waiting.put(event.position, event);
                        }
                    }
                    TreeMap<Long, StreamedEvent> run = new TreeMap<>();
                    long next = current.getIndex() + 1;
                    while (!waiting.isEmpty() && waiting.firstKey() == next) {
                        run.put(next, waiting.pollFirstEntry().getValue());
                        next++;
                    }
                    if (waiting.size() > maxOutOfOrder) {
                        break; // too far from position order: windows take over
                    }
                    if (run.isEmpty()) {
                        continue;
                    }
                    Window window = classify(current, run, run.firstKey(), run.lastKey());
                    current = window.token();
                    if (!window.events().isEmpty() || window.stoppedAtPending()) {
                        put(judged, window);
                    }
                    if (window.stoppedAtPending()) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    log.debug("Judging the catch-up failed; reading by windows from here", e);
                }
            } finally {
                endedAt = current;
                judgeEnded = true; // stops the puller
                raw.clear();
                put(judged, END);
            }
        }

        void close() {
            closed = true;
            raw.clear();
            judged.clear();
        }

        /**
         * Waits for room; gives up once the consumer closed the catch-up or the judge stopped taking chunks, or when
         * nobody took anything for a minute (a stream abandoned without being closed).
         */
        private void put(BlockingQueue<Object> queue, Object item) {
            long giveUpAt = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            try {
                while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    if (closed || (queue == raw && judgeEnded)) {
                        return;
                    }
                    if (System.nanoTime() > giveUpAt) {
                        close();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for an item; END once the consumer closed the catch-up. */
        private Object take(BlockingQueue<Object> queue) {
            try {
                while (true) {
                    Object item = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (item != null) {
                        return item;
                    }
                    if (closed) {
                        return END;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return END;
            }
        }
    }

    /** Whether the events after {@code token} are many, and at least a quarter of the store. */
    private boolean farBehind(GapAwareTrackingToken token) {
        long current = head.getAsLong();
        long behind = current - token.getIndex();
        return behind >= 4L * settings.batchSize() && behind >= current / 4;
    }

    /**
     * One batch of visible events after {@code token} by windows: its gaps plus the next {@code batchSize}
     * positions. Empty when nothing new is visible.
     */
    private Window readWindows(GapAwareTrackingToken token) {
        long windowStart = token.getIndex() + 1;
        for (int attempt = 0; ; attempt++) {
            long windowEnd = windowStart + settings.batchSize() - 1;
            Window window = classify(token, fetchWindow(token, windowStart, windowEnd), windowStart, windowEnd);
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
    private Window classify(GapAwareTrackingToken token, Map<Long, StreamedEvent> fetched, long windowStart,
                            long windowEnd) {
        TreeMap<Long, CommitLog.State> states = new TreeMap<>();
        Map<String, CommitLog.State> byCommit = new HashMap<>();
        java.util.function.LongFunction<CommitLog.CommitRef> alsoFetched = position -> {
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
        return new Window(result, current, stoppedAtPending);
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
