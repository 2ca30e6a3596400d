package dev.kehu.infra.audit.proof;

import dev.kehu.infra.audit.AuditLog;
import dev.kehu.infra.eventstore.EventFields;
import dev.kehu.infra.eventstore.EventHasher;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
            Map<Long, Read> found = hashed(log.atPositions(low, high).values());
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
     * <p>Where the time goes: reading (the server), then recomputing each event's hash and leaf. So the cursor is
     * read a batch ahead on its own thread ({@link BatchPrefetch}) and each batch's hashes are computed in parallel
     * ({@link #hashed}); only the checks that depend on order (chains, holes) run one by one.
     */
    public long scanAll(long from, long to, Consumer<Problem> problems, int every, Progress progress) {
        long checkpointed = merkle.size();
        TreeMap<Long, Read> pending = new TreeMap<>();
        long next = from;
        long read = 0;
        long lastReport = from;
        BsonDocument range = new BsonDocument(EventFields.ID, new BsonDocument("$gte", new BsonInt64(from))
                .append("$lte", new BsonInt64(to)));
        try (BatchPrefetch cursor = new BatchPrefetch(log.events().find(range), WINDOW)) {
            for (List<BsonDocument> batch = cursor.next(); !batch.isEmpty(); batch = cursor.next()) {
                for (Read document : hashed(batch).values()) {
                    long position = document.position();
                    if (position < next) {
                        continue; // settled by a read by _id already
                    }
                    pending.put(position, document);
                    while (!pending.isEmpty() && pending.firstKey() == next) {
                        read += visit(next, pending.pollFirstEntry().getValue(), checkpointed, problems);
                        next++;
                    }
                    if (pending.size() > MAX_PENDING) {
                        long upTo = pending.firstKey() - 1;
                        read += settle(next, upTo, pending, checkpointed, problems);
                        next = upTo + 1;
                        while (!pending.isEmpty() && pending.firstKey() == next) {
                            read += visit(next, pending.pollFirstEntry().getValue(), checkpointed, problems);
                            next++;
                        }
                    }
                    if (next - lastReport >= every) {
                        progress.at(next, read);
                        lastReport = next;
                    }
                }
            }
        }
        read += settle(next, to, pending, checkpointed, problems);
        flushMissing(problems);
        progress.at(to + 1, read);
        return read;
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
                    found = hashed(log.atPositions(low, high).values());
                }
                read += visit(position, waiting != null ? waiting : found.get(position), checkpointed, problems);
            }
        }
        return read;
    }

    /**
     * A document read from the log with what its checks need computed: its hash recomputed from its content (null
     * when it has none to check or is malformed) and its Merkle leaf.
     */
    private record Read(long position, BsonDocument document, String recomputed, byte[] leaf) {
    }

    /**
     * The documents with their hashes and leaves, computed in parallel (they depend on nothing but the document),
     * by position in the order given.
     */
    private static Map<Long, Read> hashed(Collection<BsonDocument> documents) {
        List<Read> reads = documents.parallelStream().map(LogScanner::hash).toList();
        Map<Long, Read> byPosition = new LinkedHashMap<>(reads.size() * 2);
        for (Read read : reads) {
            byPosition.put(read.position(), read);
        }
        return byPosition;
    }

    private static Read hash(BsonDocument document) {
        String recomputed = null;
        if (document.isString(EventFields.PREV_HASH) && document.isString(EventFields.HASH)) {
            try {
                recomputed = EventHasher.hash(document.getString(EventFields.PREV_HASH).getValue(), document);
            } catch (RuntimeException malformed) {
                recomputed = null; // reported as altered by check()
            }
        }
        return new Read(document.getNumber(EventFields.ID).longValue(), document, recomputed,
                MerkleLog.leafOf(document));
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
        BsonDocument document = read.document();
        String aggregateId = document.isString(EventFields.AGGREGATE_ID)
                ? document.getString(EventFields.AGGREGATE_ID).getValue() : null;
        Long seq = document.isNumber(EventFields.SEQ) ? document.getNumber(EventFields.SEQ).longValue() : null;
        if (position <= checkpointed) {
            byte[] expected = merkle.leafAt(position);
            if (expected != null && !Arrays.equals(expected, read.leaf())) {
                problems.accept(new Problem(position, aggregateId, seq, "replaced",
                        "the event at position " + position + " is not the one checkpointed there"
                                + " (replaced, moved or reordered)"));
            }
        }
        boolean abandoned = document.getBoolean(EventFields.ABANDONED, BsonBoolean.FALSE).getValue();
        if (abandoned || aggregateId == null || seq == null) {
            return; // abandoned documents and markers belong to no chain; their leaves are checked above
        }
        if (!document.isString(EventFields.HASH) || !document.isString(EventFields.PREV_HASH)) {
            problems.accept(new Problem(position, aggregateId, seq, "altered", "hash fields missing"));
            return;
        }
        String hash = document.getString(EventFields.HASH).getValue();
        String prevHash = document.getString(EventFields.PREV_HASH).getValue();
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
