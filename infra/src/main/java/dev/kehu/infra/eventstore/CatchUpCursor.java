package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Catching up from far behind with one cursor, {@code _id > index} (for {@link EventStreamReader}), in three
 * stages on their own threads: one thread pulls raw chunks from the cursor (the server encodes the next chunk meanwhile),
 * one decodes and judges them in order, and the processor handles the chunk before. Two chunks at most wait
 * between stages.
 */
final class CatchUpCursor {

    private static final Logger log = LoggerFactory.getLogger(CatchUpCursor.class);
    private static final Object END = new Object();
    private final BlockingQueue<Object> raw = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<Object> judged = new ArrayBlockingQueue<>(2);
    private final MongoCursor<RawBsonDocument> cursor;
    private final StreamWindows windows;
    private final int cursorChunk;
    private final ExecutorService executor;
    /** Set by the consumer: nobody reads on. */
    private volatile boolean closed;
    /** Set by the judge when it stops: the cursor is done, or the rest is left to windows. */
    private volatile boolean judgeEnded;
    private volatile GapAwareTrackingToken endedAt;

    /** Opens the cursor after {@code start} and starts pulling and judging on {@code executor}. */
    CatchUpCursor(MongoCollection<RawBsonDocument> rawEvents, StreamWindows windows, int cursorChunk,
                  ExecutorService executor, GapAwareTrackingToken start) {
        this.windows = windows;
        this.cursorChunk = cursorChunk;
        this.executor = executor;
        this.endedAt = start;
        // no sort: mongo-java-server would sort everything in memory before the first chunk (a third of a second
        // at 200k events); on MongoDB a range on _id is answered from the _id index, in _id order
        this.cursor = rawEvents.find(new BsonDocument(EventFields.ID,
                        new BsonDocument("$gt", new BsonInt64(start.getIndex()))))
                .batchSize(cursorChunk).cursor();
        executor.execute(this::pull);
        executor.execute(() -> judge(start));
    }

    /** The next window with events (or stopped before a pending commit); null once the catch-up is over. */
    StreamWindow next() {
        Object item = take(judged);
        return item instanceof StreamWindow window ? window : null;
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
                StreamWindow window = windows.classify(current, run, run.firstKey(), run.lastKey());
                if ((!window.events().isEmpty() || window.stoppedAtPending()) && !put(judged, window)) {
                    break; // not delivered (a consumer that took nothing for a minute): windows read on from the last delivered
                }
                current = window.token();
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
     * Waits for room; answers false (the item was not queued) once the consumer closed the catch-up or the judge stopped taking chunks, or when
     * nobody took anything for a minute (a stream abandoned without being closed).
     */
    private boolean put(BlockingQueue<Object> queue, Object item) {
        long giveUpAt = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (closed || (queue == raw && judgeEnded)) {
                    return false;
                }
                if (System.nanoTime() > giveUpAt) {
                    return false; // the judge stops; what is queued stays for a consumer that comes back
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for an item; END once the consumer closed the catch-up, or the judge ended without queuing its END. */
    private Object take(BlockingQueue<Object> queue) {
        try {
            while (true) {
                Object item = queue.poll(50, TimeUnit.MILLISECONDS);
                if (item != null) {
                    return item;
                }
                if (closed || (queue == judged && judgeEnded && queue.isEmpty())) {
                    return END;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }
}
