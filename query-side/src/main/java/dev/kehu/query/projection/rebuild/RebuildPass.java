package dev.kehu.query.projection.rebuild;

import dev.kehu.query.projection.RebuildBatch;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One pass of a rebuild over the log: reads the events after a position in chunks, applies each chunk to every
 * group's {@link RebuildBatch} (several groups share one read of the log), writes the chunk's documents once and
 * reports the progress. It stops at the end of what the log shows now, or when the listener says so. Times where
 * the pass spends its time: waiting for the log's stream, folding (the handlers, in memory), writing.
 */
public final class RebuildPass {

    private final EventLog log;
    private final List<RebuildBatch> batches;
    private final int chunkSize;
    private long readNanos;
    private long foldNanos;
    private long writeNanos;
    private long events;
    private long documentsWritten;

    public RebuildPass(EventLog log, List<RebuildBatch> batches, int chunkSize) {
        this.log = log;
        this.batches = List.copyOf(batches);
        this.chunkSize = chunkSize;
    }

    /** Told after each chunk is written; answers whether to go on. */
    public interface Listener {
        boolean written(long position, RebuildPass pass);
    }

    /** Reads after {@code from} until the log has nothing more now (or the listener stops it); answers the last position applied. */
    public long run(long from, Listener listener) {
        long position = from;
        try (Stream<? extends TrackedEventMessage<?>> stream = log.readAfter(from)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            List<TrackedEventMessage<?>> chunk = new ArrayList<>(chunkSize);
            while (true) {
                long t0 = System.nanoTime();
                chunk.clear();
                while (chunk.size() < chunkSize && events.hasNext()) {
                    chunk.add(events.next());
                }
                readNanos += System.nanoTime() - t0;
                if (chunk.isEmpty()) {
                    return position;
                }
                long t1 = System.nanoTime();
                for (RebuildBatch batch : batches) {
                    batch.apply(chunk);
                }
                long t2 = System.nanoTime();
                foldNanos += t2 - t1;
                for (RebuildBatch batch : batches) {
                    documentsWritten += batch.flush();
                }
                writeNanos += System.nanoTime() - t2;
                this.events += chunk.size();
                position = chunk.get(chunk.size() - 1).trackingToken().position().orElse(position);
                if (!listener.written(position, this)) {
                    return position;
                }
            }
        }
    }

    public long events() {
        return events;
    }

    public long documentsWritten() {
        return documentsWritten;
    }

    public double readSeconds() {
        return readNanos / 1e9;
    }

    public double foldSeconds() {
        return foldNanos / 1e9;
    }

    public double writeSeconds() {
        return writeNanos / 1e9;
    }

    public List<RebuildBatch> batches() {
        return batches;
    }
}
