package dev.kehu.infra.audit.proof;

import dev.kehu.infra.audit.AuditLog;
import dev.kehu.infra.eventstore.EventFields;
import dev.kehu.infra.eventstore.EventHasher;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;

/**
 * Checks a range of positions of the log, in order, against itself and against the Merkle checkpoints: every
 * position exists; each event's stored hash matches its content; its {@code prevHash} is the hash of its aggregate's
 * previous event, which comes earlier in the log with the sequence number before; and its leaf equals the leaf
 * checkpointed at that position (a replaced or moved document). One scanner keeps the last event of each aggregate
 * seen, so scan consecutive ranges with the same instance; after a restart the previous event is read by its key.
 */
public class LogScanner {

    /** Documents read per query. */
    public static final int WINDOW = 1000;
    /** Documents a cursor scan holds while it waits for an earlier position. */
    private static final int MAX_PENDING = 4 * WINDOW;
    /** A bound on the aggregates remembered; forgetting only costs a point read. */
    private static final int MAX_REMEMBERED = 500_000;
    private static final BsonDocumentCodec TREE = new BsonDocumentCodec();

    /** Where a scan is: the next position to check and the events read so far. */
    public interface Progress {
        void at(long next, long read);
    }

    private record Link(long seq, String hash) {
    }

    private final AuditLog log;
    private final MerkleLog merkle;
    private final Map<String, Link> last = new HashMap<>();
    private long missingFrom = -1;
    private long missingTo = -1;
    private long leafChunk = -1;
    private byte[] leafChunkBytes;

    public LogScanner(AuditLog log, MerkleLog merkle) {
        this.log = log;
        this.merkle = merkle;
    }

    /** Scans positions [from, to] by {@code _id $in} windows; hands each problem on; returns the events read. */
    public long scan(long from, long to, Consumer<Problem> problems) {
        long checkpointed = merkle.size();
        long read = 0;
        for (long low = from; low <= to; low += WINDOW) {
            long high = Math.min(to, low + WINDOW - 1);
            Map<Long, Read> found = hashedByPosition(log.atPositions(low, high).values());
            for (long position = low; position <= high; position++) {
                read += visit(position, found.get(position), checkpointed, problems);
            }
        }
        flushMissing(problems);
        return read;
    }

    /**
     * Scans positions [from, to] with one cursor over the range of {@code _id}, as a catch-up reader does: on the
     * embedded server a range query looks at every document once, so one query for the whole range is the cheapest
     * read of a large part of the log. Documents come in insertion order, which is position order; a document out of
     * place waits (up to {@value #MAX_PENDING}); positions the cursor did not deliver in time are read by
     * {@code _id}. Calls {@code progress} with the next position to check after every {@code every} positions.
     *
     * <p>Where the time goes: reading (the server), decoding each document, recomputing its hash and leaf, then the
     * checks that depend on order. These run as a pipeline, each stage on its own thread: the cursor is read a batch
     * ahead as raw bytes ({@link BatchPrefetch}); up to {@value #HASHING_AHEAD} batches are decoded and hashed on the
     * common fork-join pool ({@link #hashed}); meanwhile this thread checks chains, holes and leaves of the batch
     * before, one document after the other. Measured in docs/benchmarks.md ("Audit").
     */
    public long scanAll(long from, long to, Consumer<Problem> problems, int every, Progress progress) {
        OrderedChecks checks = new OrderedChecks(from, merkle.size(), problems, every, progress);
        BsonDocument range = new BsonDocument(EventFields.ID, new BsonDocument("$gte", new BsonInt64(from))
                .append("$lte", new BsonInt64(to)));
        Deque<CompletableFuture<List<Read>>> hashing = new ArrayDeque<>();
        try (BatchPrefetch<RawBsonDocument> cursor = new BatchPrefetch<>(
                log.events().withDocumentClass(RawBsonDocument.class).find(range), WINDOW)) {
            for (List<RawBsonDocument> batch = cursor.next(); !batch.isEmpty(); batch = cursor.next()) {
                List<RawBsonDocument> documents = batch;
                hashing.add(CompletableFuture.supplyAsync(() -> hashed(documents), ForkJoinPool.commonPool()));
                if (hashing.size() > HASHING_AHEAD) {
                    checks.accept(join(hashing.poll()));
                }
            }
            while (!hashing.isEmpty()) {
                checks.accept(join(hashing.poll()));
            }
        } finally {
            hashing.forEach(future -> future.cancel(false));
        }
        long read = checks.read + settle(checks.next, to, checks.pending, checks.checkpointed, problems);
        flushMissing(problems);
        progress.at(to + 1, read);
        return read;
    }

    /** Batches hashed ahead of the one being checked. */
    private static final int HASHING_AHEAD = 2;

    private static List<Read> join(CompletableFuture<List<Read>> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The order-dependent stage of {@link #scanAll}: positions in order, holes, chains, leaves, progress. */
    private final class OrderedChecks {
        final TreeMap<Long, Read> pending = new TreeMap<>();
        final long checkpointed;
        final Consumer<Problem> problems;
        final int every;
        final Progress progress;
        long next;
        long read;
        long lastReport;

        OrderedChecks(long from, long checkpointed, Consumer<Problem> problems, int every, Progress progress) {
            this.next = from;
            this.lastReport = from;
            this.checkpointed = checkpointed;
            this.problems = problems;
            this.every = every;
            this.progress = progress;
        }

        void accept(List<Read> batch) {
            for (Read document : batch) {
                long position = document.position();
                if (position < next) {
                    continue; // settled by a read by _id already
                }
                if (position == next && pending.isEmpty()) {
                    read += visit(next++, document, checkpointed, problems); // the usual case: no map
                } else {
                    pending.put(position, document);
                }
                drain();
                if (pending.size() > MAX_PENDING) {
                    long upTo = pending.firstKey() - 1;
                    read += settle(next, upTo, pending, checkpointed, problems);
                    next = upTo + 1;
                    drain();
                }
                if (next - lastReport >= every) {
                    progress.at(next, read);
                    lastReport = next;
                }
            }
        }

        private void drain() {
            while (!pending.isEmpty() && pending.firstKey() == next) {
                read += visit(next, pending.pollFirstEntry().getValue(), checkpointed, problems);
                next++;
            }
        }
    }

    /** Positions [from, to]: those waiting in {@code pending}, the others read by {@code _id}. */
    private long settle(long from, long to, TreeMap<Long, Read> pending, long checkpointed,
                        Consumer<Problem> problems) {
        long read = 0;
        for (long low = from; low <= to; low += WINDOW) {
            long high = Math.min(to, low + WINDOW - 1);
            Map<Long, Read> found = null;
            for (long position = low; position <= high; position++) {
                Read waiting = pending.remove(position);
                if (waiting == null && found == null) {
                    found = hashedByPosition(log.atPositions(low, high).values());
                }
                read += visit(position, waiting != null ? waiting : found.get(position), checkpointed, problems);
            }
        }
        return read;
    }

    /**
     * A document read from the log with what its checks need: its chain fields (null where absent or of another
     * type), its hash recomputed from its content (null when it has none to check or is malformed) and its leaf.
     */
    record Read(long position, String aggregateId, Long seq, boolean abandoned, String hash, String prevHash,
                String recomputed, byte[] leaf) {
    }

    /**
     * The documents with their hashes and leaves ({@link #hashed}), by position in the order given.
     */
    private static Map<Long, Read> hashedByPosition(Collection<BsonDocument> documents) {
        List<Read> reads = hashed(documents);
        Map<Long, Read> byPosition = new LinkedHashMap<>(reads.size() * 2);
        for (Read read : reads) {
            byPosition.put(read.position(), read);
        }
        return byPosition;
    }

    /**
     * The documents with their hashes and leaves, computed in parallel (they depend on nothing but the document), in
     * the order given; raw documents are decoded here, off the reading thread.
     */
    private static List<Read> hashed(Collection<? extends BsonDocument> documents) {
        return documents.parallelStream().map(LogScanner::hash).toList();
    }

    private static Read hash(BsonDocument stored) {
        if (stored instanceof RawBsonDocument raw) {
            Read read = RawEventHash.of(raw); // the usual event: hashed from its bytes, no tree
            if (read != null) {
                return read;
            }
        }
        // anything else (markers, tampered or unusual values): decoded once into a tree and hashed by EventHasher
        BsonDocument document = stored instanceof RawBsonDocument raw ? raw.decode(TREE) : stored;
        String recomputed = null;
        if (document.isString(EventFields.PREV_HASH) && document.isString(EventFields.HASH)) {
            try {
                recomputed = EventHasher.hash(document.getString(EventFields.PREV_HASH).getValue(), document);
            } catch (RuntimeException malformed) {
                recomputed = null; // reported as altered by check()
            }
        }
        return new Read(document.getNumber(EventFields.ID).longValue(),
                document.isString(EventFields.AGGREGATE_ID) ? document.getString(EventFields.AGGREGATE_ID).getValue()
                        : null,
                document.isNumber(EventFields.SEQ) ? document.getNumber(EventFields.SEQ).longValue() : null,
                document.getBoolean(EventFields.ABANDONED, BsonBoolean.FALSE).getValue(),
                document.isString(EventFields.HASH) ? document.getString(EventFields.HASH).getValue() : null,
                document.isString(EventFields.PREV_HASH) ? document.getString(EventFields.PREV_HASH).getValue() : null,
                recomputed, MerkleLog.leafOf(document));
    }

    private int visit(long position, Read document, long checkpointed, Consumer<Problem> problems) {
        if (document == null) {
            if (missingFrom < 0) {
                missingFrom = position;
            }
            missingTo = position;
            return 0;
        }
        flushMissing(problems);
        check(position, document, checkpointed, problems);
        return 1;
    }

    private void check(long position, Read read, long checkpointed, Consumer<Problem> problems) {
        String aggregateId = read.aggregateId();
        Long seq = read.seq();
        if (position <= checkpointed) {
            if (!leafMatches(position, read.leaf())) {
                problems.accept(new Problem(position, aggregateId, seq, "replaced",
                        "the event at position " + position + " is not the one checkpointed there"
                                + " (replaced, moved or reordered)"));
            }
        }
        if (read.abandoned() || aggregateId == null || seq == null) {
            return; // abandoned documents and markers belong to no chain; their leaves are checked above
        }
        if (read.hash() == null || read.prevHash() == null) {
            problems.accept(new Problem(position, aggregateId, seq, "altered", "hash fields missing"));
            return;
        }
        String hash = read.hash();
        String prevHash = read.prevHash();
        if (!hash.equals(read.recomputed())) {
            problems.accept(new Problem(position, aggregateId, seq, "altered",
                    "the stored content does not match the event's hash"));
        }
        String expectedPrev = expectedPrevHash(position, aggregateId, seq, problems);
        if (expectedPrev != null && !expectedPrev.equals(prevHash)) {
            problems.accept(new Problem(position, aggregateId, seq, "chain-broken",
                    "prevHash is not the hash of the aggregate's event " + (seq - 1)));
        }
        if (last.size() >= MAX_REMEMBERED) {
            last.clear();
        }
        last.put(aggregateId, new Link(seq, hash));
    }

    /** The hash the event's prevHash must equal, or null when a problem was already reported. */
    private String expectedPrevHash(long position, String aggregateId, long seq, Consumer<Problem> problems) {
        if (seq == 0) {
            return "";
        }
        Link previous = last.get(aggregateId);
        if (previous != null && previous.seq() == seq - 1) {
            return previous.hash();
        }
        if (previous != null && previous.seq() >= seq) {
            problems.accept(new Problem(position, aggregateId, seq, "out-of-order",
                    "sequence number " + seq + " comes after " + previous.seq() + " of the same aggregate"));
            return null;
        }
        BsonDocument before = log.byKey(aggregateId, seq - 1);
        if (before == null) {
            problems.accept(new Problem(position, aggregateId, seq, "missing",
                    "the aggregate's event " + (seq - 1) + " is missing"));
            return null;
        }
        long beforePosition = before.getNumber(EventFields.ID).longValue();
        if (beforePosition > position) {
            problems.accept(new Problem(position, aggregateId, seq, "out-of-order",
                    "the aggregate's event " + (seq - 1) + " stands after it, at position " + beforePosition));
            return null;
        }
        return before.isString(EventFields.HASH) ? before.getString(EventFields.HASH).getValue() : null;
    }

    /**
     * Whether the leaf is the one checkpointed at the position (at most {@code merkle.size()} as the scan began):
     * compared in place in the chunk's leaves, which are fetched once per chunk, not once per event.
     */
    private boolean leafMatches(long position, byte[] leaf) {
        long chunk = (position - 1) / MerkleLog.CHUNK;
        if (chunk != leafChunk) {
            leafChunkBytes = merkle.leavesOfChunk(chunk);
            leafChunk = chunk;
        }
        int offset = (int) ((position - 1) % MerkleLog.CHUNK) * 32;
        return leafChunkBytes.length < offset + 32
                || Arrays.equals(leafChunkBytes, offset, offset + 32, leaf, 0, leaf.length);
    }

    private void flushMissing(Consumer<Problem> problems) {
        if (missingFrom < 0) {
            return;
        }
        problems.accept(new Problem(missingFrom, null, null, "missing", missingFrom == missingTo
                ? "no event at position " + missingFrom
                : "no events at positions " + missingFrom + " to " + missingTo));
        missingFrom = -1;
        missingTo = -1;
    }
}
