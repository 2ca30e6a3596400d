package dev.kehu.infra.audit.proof;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCursor;
import org.bson.BsonDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a cursor on its own thread, a batch of documents ahead of the caller: while the caller checks one batch, the
 * server is already producing the next (a plain cursor asks for the next batch only once the caller has used up the
 * last, so reading and checking would take turns). Hand-written because the driver's synchronous cursor has no
 * read-ahead, and the reactive driver is a dependency too many for this one loop.
 */
final class BatchPrefetch<T extends BsonDocument> implements AutoCloseable {

    private static final List<Object> END = List.of();

    private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(2);
    private final Thread reader;
    private volatile boolean closed;

    BatchPrefetch(FindIterable<T> query, int batchSize) {
        reader = new Thread(() -> read(query, batchSize), "audit-log-prefetch");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(FindIterable<T> query, int batchSize) {
        try (MongoCursor<T> cursor = query.batchSize(batchSize).iterator()) {
            List<T> batch = new ArrayList<>(batchSize);
            while (!closed && cursor.hasNext()) {
                batch.add(cursor.next());
                if (batch.size() == batchSize) {
                    batches.put(batch);
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty()) {
                batches.put(batch);
            }
            batches.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed by the caller
        } catch (RuntimeException e) {
            try {
                batches.put(e); // handed to the caller's next(); a closed caller interrupts this wait
            } catch (InterruptedException closing) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next batch, or an empty list at the end. */
    List<T> next() {
        try {
            Object next = batches.take();
            if (next instanceof RuntimeException failure) {
                throw failure;
            }
            @SuppressWarnings("unchecked")
            List<T> batch = (List<T>) next;
            if (batch.isEmpty()) {
                batches.offer(END); // stays at the end
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the log", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
