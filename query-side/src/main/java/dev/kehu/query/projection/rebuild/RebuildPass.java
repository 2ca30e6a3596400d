package dev.kehu.query.projection.rebuild;

import dev.kehu.query.projection.RebuildBatch;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One pass of a rebuild over the log: reads the events after a position in chunks, applies each chunk to every
 * group's {@link RebuildBatch} (several groups share one read of the log), writes the chunk's documents once (or once
 * for several chunks, see {@link #run}) and reports the progress. It stops at the end of what the log shows now, or when the listener says so. Times where
 * the pass spends its time: waiting for the log's stream, folding (the handlers, in memory), waiting for the writes
 * (which run beside the fold of the next chunk).
 */
public final class RebuildPass {

    /** By default, at most this many chunks are folded into one write while the previous write runs. */
    public static final int MAX_CHUNKS_PER_WRITE = 10;

    private final EventLog log;
    private final List<RebuildBatch> batches;
    private final int chunkSize;
    private final int chunksPerWrite;
    private long readNanos;
    private long foldNanos;
    private long writeNanos;
    private final AtomicLong writeBusyNanos = new AtomicLong();
    private long events;
    private long documentsWritten;

    public RebuildPass(EventLog log, List<RebuildBatch> batches, int chunkSize) {
        this(log, batches, chunkSize, MAX_CHUNKS_PER_WRITE);
    }

    /**
     * @param chunksPerWrite at most this many chunks join one write while the previous one runs; 1: every chunk is
     *                       written on its own (a rebuild with a pause after every chunk, to spare a busy server, keeps
     *                       one pause per chunk)
     */
    public RebuildPass(EventLog log, List<RebuildBatch> batches, int chunkSize, int chunksPerWrite) {
        this.log = log;
        this.batches = List.copyOf(batches);
        this.chunkSize = chunkSize;
        this.chunksPerWrite = Math.max(1, chunksPerWrite);
    }

    /** Told after each write (of one chunk or more) is done; answers whether to go on. */
    public interface Listener {
        boolean written(long position, RebuildPass pass);
    }

    /**
     * Reads after {@code from} until the log has nothing more now (or the listener stops it); answers the last position
     * written. The writes of what was folded run on a second thread while the next chunk is folded (they hold what the
     * documents were when they were taken). While they still run, the chunks folded meanwhile join the next writes (up
     * to {@code chunksPerWrite} chunks): when the server is the slower side, each document is then written once
     * for more events instead of the fold waiting. The listener hears of each write once it is done, so a position it
     * stores never runs ahead of the documents. When the listener stops the pass, what was folded meanwhile is written
     * too (and its position answered).
     */
    public long run(long from, Listener listener) {
        long position = from;
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuild-writes");
            thread.setDaemon(true);
            return thread;
        });
        try (Stream<? extends TrackedEventMessage<?>> stream = log.readAfter(from)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            Pending pending = null;
            int unwritten = 0; // events folded since the last writes were taken
            long unwrittenPosition = position;
            while (true) {
                List<TrackedEventMessage<?>> chunk = read(events);
                if (!chunk.isEmpty()) {
                    if (pending != null && pending.mustFinishFirst()) {
                        // a batch that forgets its documents after writing must not read them back before they are written
                        position = await(pending);
                        pending = null;
                        if (!listener.written(position, this)) {
                            return position;
                        }
                    }
                    fold(chunk);
                    unwritten += chunk.size();
                    unwrittenPosition = chunk.get(chunk.size() - 1).trackingToken().position().orElse(unwrittenPosition);
                    if (pending != null && !pending.written().isDone() && unwritten < (long) chunkSize * chunksPerWrite) {
                        continue;
                    }
                }
                if (pending != null) {
                    position = await(pending);
                    pending = null;
                    if (!listener.written(position, this)) {
                        return unwritten > 0 ? await(start(unwritten, unwrittenPosition, writer)) : position;
                    }
                }
                if (unwritten == 0) {
                    return position;
                }
                pending = start(unwritten, unwrittenPosition, writer);
                unwritten = 0;
            }
        } finally {
            writer.shutdown();
            awaitTermination(writer); // a write still running (after a failure) ends before the caller goes on
        }
    }

    private List<TrackedEventMessage<?>> read(Iterator<? extends TrackedEventMessage<?>> events) {
        long t0 = System.nanoTime();
        List<TrackedEventMessage<?>> chunk = new ArrayList<>(chunkSize);
        while (chunk.size() < chunkSize && events.hasNext()) {
            chunk.add(events.next());
        }
        readNanos += System.nanoTime() - t0;
        return chunk;
    }

    private void fold(List<TrackedEventMessage<?>> chunk) {
        long t0 = System.nanoTime();
        for (RebuildBatch batch : batches) {
            batch.apply(chunk);
        }
        foldNanos += System.nanoTime() - t0;
    }

    /** Takes every batch's writes of what was folded ({@code events}, up to {@code position}) and starts them on the writer thread. */
    private Pending start(int events, long position, ExecutorService writer) {
        List<RebuildBatch.Writes> writes = new ArrayList<>(batches.size());
        boolean mustFinishFirst = false;
        for (RebuildBatch batch : batches) {
            RebuildBatch.Writes batchWrites = batch.writes();
            writes.add(batchWrites);
            mustFinishFirst |= batchWrites.mustFinishFirst();
        }
        Future<Integer> written = writer.submit(() -> {
            long t0 = System.nanoTime();
            int count = 0;
            for (RebuildBatch.Writes batchWrites : writes) {
                count += batchWrites.run();
            }
            writeBusyNanos.addAndGet(System.nanoTime() - t0);
            return count;
        });
        return new Pending(written, writes, events, position, mustFinishFirst);
    }

    /** Waits for a chunk's writes; answers the chunk's last position. */
    private long await(Pending pending) {
        long t0 = System.nanoTime();
        try {
            documentsWritten += pending.written().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the rebuild's writes ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            writeNanos += System.nanoTime() - t0;
        }
        for (int i = 0; i < batches.size(); i++) {
            batches.get(i).written(pending.writes().get(i));
        }
        events += pending.events();
        return pending.position();
    }

    private static void awaitTermination(ExecutorService writer) {
        try {
            writer.awaitTermination(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(Future<Integer> written, List<RebuildBatch.Writes> writes, int events, long position,
                           boolean mustFinishFirst) {
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

    /** Time spent waiting for writes, beyond what the fold of the next chunk hid. */
    public double writeSeconds() {
        return writeNanos / 1e9;
    }

    /** Time the writes took on their thread (encoding the held documents, the bulk writes). */
    public double writeBusySeconds() {
        return writeBusyNanos.get() / 1e9;
    }

    public List<RebuildBatch> batches() {
        return batches;
    }
}
