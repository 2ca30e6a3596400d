package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

import java.time.Clock;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * ({@link StreamWindows}, {@link CatchUpCursor}). Both keep the documents as the raw bytes the driver received and
 * scan them ({@link StreamedEvent}). While the consumer handles one batch, the next one is read on a background thread, so database round trips overlap with
 * event handling.
 */
final class EventStreamReader {

    private static final ExecutorService PREFETCHER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "kehu-event-prefetch");
        thread.setDaemon(true);
        return thread;
    });

    private final MongoCollection<RawBsonDocument> rawEvents;
    private final StreamWindows windows;
    private final EventStoreSettings settings;
    private final LongSupplier head;
    /** Documents per chunk of the catch-up cursor: four windows' worth. */
    private final int cursorChunk;
    /** Opens each batch's sealed payloads as it is read, on the prefetch thread ({@link PayloadCipher#openAll}). */
    private final PayloadCipher cipher;

    EventStreamReader(MongoCollection<BsonDocument> events, CommitLog commits, EventStoreSettings settings,
                      Clock clock, LongSupplier head, PayloadCipher cipher) {
        this.cipher = cipher;
        this.rawEvents = events.withDocumentClass(RawBsonDocument.class);
        this.windows = new StreamWindows(rawEvents, commits, settings, clock);
        this.settings = settings;
        this.head = head;
        this.cursorChunk = 4 * settings.batchSize();
    }

    /** Every visible event after {@code start}, until nothing more is visible right now. */
    Stream<StoredEventData> read(GapAwareTrackingToken start) {
        BatchSpliterator spliterator = new BatchSpliterator(start);
        return StreamSupport.stream(spliterator, false).onClose(spliterator::close);
    }

    private final class BatchSpliterator extends Spliterators.AbstractSpliterator<StoredEventData> {
        private volatile GapAwareTrackingToken readThrough;
        private volatile CatchUpCursor catchUp;
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

        /**
         * Runs on one thread at a time: the caller's for the first batch, then one prefetch after another. The batch's
         * sealed payloads are opened here, so that work overlaps with the handling of the batch before.
         */
        private List<StoredEventData> readNext() {
            List<StoredEventData> events = readWindow();
            if (cipher != PayloadCipher.NONE) {
                StoredEventData.openPayloads(events, cipher);
            }
            return events;
        }

        private List<StoredEventData> readWindow() {
            if (!catchUpConsidered) {
                catchUpConsidered = true;
                GapAwareTrackingToken token = readThrough;
                if (token.getGaps().isEmpty() && farBehind(token)) {
                    catchUp = new CatchUpCursor(rawEvents, windows, cursorChunk, PREFETCHER, token);
                }
            }
            CatchUpCursor current = catchUp;
            if (current != null) {
                StreamWindow window = current.next();
                if (window != null) {
                    readThrough = window.token();
                    return window.events();
                }
                readThrough = current.endedAt();
                current.close();
                catchUp = null; // the cursor is done: windows take over from where it ended
            }
            StreamWindow window = windows.read(readThrough);
            readThrough = window.token();
            return window.events();
        }

        void close() {
            closed = true;
            CatchUpCursor current = catchUp;
            if (current != null) {
                current.close();
            }
            if (prefetched != null) {
                prefetched.cancel(false);
            }
        }
    }

    /** Whether the events after {@code token} are many, and at least a quarter of the store. */
    private boolean farBehind(GapAwareTrackingToken token) {
        long current = head.getAsLong();
        long behind = current - token.getIndex();
        return behind >= 4L * settings.batchSize() && behind >= current / 4;
    }
}
