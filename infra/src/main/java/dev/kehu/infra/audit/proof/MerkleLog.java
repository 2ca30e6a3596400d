package dev.kehu.infra.audit.proof;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.kehu.infra.audit.AuditLog;
import dev.kehu.infra.eventstore.EventFields;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Merkle tree (RFC 6962) over the whole log: leaf i is the document at position i + 1, in position order, every
 * position included (abandoned documents and markers too, so the tree is the log exactly as stored). A leaf's data is
 * the event's stored {@code hash} (32 bytes), which covers its content and, through {@code prevHash}, its aggregate's
 * earlier events; a marker without a hash contributes SHA-256 of its type, timestamp and payload. Marking a commit
 * abandoned changes neither, so a leaf never changes once its position is taken.
 *
 * <p>Checkpoints live in the collection {@code auditMerkle}: one document per chunk of {@value #CHUNK} positions
 * ({@code _id = "chunk:<k>"}, the chunk's leaf hashes and, once full, its root) and {@code _id = "head"} with the
 * number of leaves. A chunk is a complete subtree, so any root is computed from chunk roots (held in memory, 32
 * bytes per 1,024 events) and the leaves of at most two chunks: the root at the head is cheap whatever the log's size.
 * The tree grows over the longest run of positions 1, 2, … that all exist; a hole stops it (the verification names
 * the hole).
 */
public class MerkleLog {

    public static final int CHUNK = 1024;
    private static final String HEAD = "head";

    private final AuditLog log;
    private final MongoCollection<BsonDocument> checkpoints;
    private final Map<Long, byte[]> chunkCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > 8;
        }
    };
    private boolean loaded;
    private long size;
    private final List<byte[]> chunkRoots = new ArrayList<>();
    /** Leaf hashes of the chunk being filled, 32 bytes each; the first {@code tailCount} are set. */
    private byte[] tail = new byte[CHUNK * 32];
    private int tailCount;

    public MerkleLog(MongoDatabase database, String collectionPrefix, AuditLog log) {
        this.log = log;
        this.checkpoints = database.getCollection(collectionPrefix + "auditMerkle", BsonDocument.class);
    }

    /** The leaf data of a stored event document (see the class comment). */
    public static byte[] leafOf(BsonDocument event) {
        if (event.isString(EventFields.HASH)) {
            String hash = event.getString(EventFields.HASH).getValue();
            if (hash.length() == 64) {
                try {
                    return MerkleHash.leaf(HexFormat.of().parseHex(hash));
                } catch (IllegalArgumentException e) {
                    // not hex: hashed as text below, and the verification reports the event
                }
            }
        }
        MessageDigest sha = MerkleHash.sha256();
        sha.update(("kehu.marker\n" + event.get(EventFields.TYPE) + "\n" + event.get(EventFields.TIMESTAMP) + "\n"
                + event.get(EventFields.PAYLOAD) + "\n" + event.get(EventFields.HASH)).getBytes(StandardCharsets.UTF_8));
        return MerkleHash.leaf(sha.digest());
    }

    /** Number of leaves checkpointed so far, without reading the log. */
    public synchronized long size() {
        load();
        return size;
    }

    /** Adds the positions appended since the last call and stores the checkpoints; returns the number of leaves. */
    public synchronized long advance() {
        load();
        while (true) {
            long from = size + 1;
            long to = (size / CHUNK + 1) * CHUNK; // up to the end of the current chunk
            Map<Long, BsonDocument> found = log.atPositions(from, to, leafFields());
            int added = 0;
            for (long position = from; position <= to; position++) {
                BsonDocument document = found.get(position);
                if (document == null) {
                    break;
                }
                System.arraycopy(leafOf(document), 0, tail, tailCount * 32, 32);
                tailCount++;
                added++;
            }
            if (added == 0) {
                return size;
            }
            size += added;
            long chunk = (size - 1) / CHUNK;
            BsonDocument stored = new BsonDocument(EventFields.ID, new BsonString("chunk:" + chunk))
                    .append("count", new BsonInt32(tailCount))
                    .append("leaves", new BsonBinary(Arrays.copyOf(tail, tailCount * 32)));
            boolean full = tailCount == CHUNK;
            if (full) {
                byte[] root = rootOfLeaves(tail, 0, CHUNK);
                stored.append("root", new BsonBinary(root));
                chunkRoots.add(root);
                chunkCache.put(chunk, tail);
                tail = new byte[CHUNK * 32];
                tailCount = 0;
            }
            checkpoints.replaceOne(new BsonDocument(EventFields.ID, stored.get(EventFields.ID)), stored,
                    new ReplaceOptions().upsert(true));
            checkpoints.replaceOne(new BsonDocument(EventFields.ID, new BsonString(HEAD)),
                    new BsonDocument(EventFields.ID, new BsonString(HEAD)).append("size", new BsonInt64(size)),
                    new ReplaceOptions().upsert(true));
            if (!full) {
                return size;
            }
        }
    }

    /** The root hash of the first n leaves (n at most {@link #size()}). */
    public synchronized byte[] root(long n) {
        load();
        if (n == 0) {
            return MerkleHash.emptyRoot();
        }
        requireWithin(n);
        return subtree(0, n);
    }

    /** The consistency proof from the tree of m leaves to the tree of n leaves. */
    public synchronized List<byte[]> consistencyProof(long m, long n) {
        load();
        requireWithin(n);
        return MerkleHash.consistencyProof(m, n, this::subtree);
    }

    /** The checkpointed leaf hash of a position (1-based), or null beyond the checkpoints. */
    public synchronized byte[] leafAt(long position) {
        load();
        if (position < 1 || position > size) {
            return null;
        }
        byte[] leaves = chunkLeaves((position - 1) / CHUNK);
        int offset = (int) ((position - 1) % CHUNK) * 32;
        return leaves.length < offset + 32 ? null : Arrays.copyOfRange(leaves, offset, offset + 32);
    }

    /**
     * The checkpointed leaf hashes of a chunk, 32 bytes each, for a caller that compares many leaves in a row (the
     * whole-log verification); only the leaves up to {@link #size()} as it was asked are meaningful.
     */
    synchronized byte[] leavesOfChunk(long chunk) {
        load();
        return chunkLeaves(chunk);
    }

    private byte[] subtree(long lo, long hi) {
        long chunk = lo / CHUNK;
        if (chunk == (hi - 1) / CHUNK) {
            if (lo == chunk * CHUNK && hi == (chunk + 1) * CHUNK && chunk < chunkRoots.size()) {
                return chunkRoots.get((int) chunk);
            }
            return rootOfLeaves(chunkLeaves(chunk), (int) (lo - chunk * CHUNK), (int) (hi - chunk * CHUNK));
        }
        long k = MerkleHash.split(hi - lo);
        return MerkleHash.node(subtree(lo, lo + k), subtree(lo + k, hi));
    }

    private byte[] chunkLeaves(long chunk) {
        if (chunk == chunkRoots.size()) {
            return tail;
        }
        byte[] leaves = chunkCache.get(chunk);
        if (leaves == null) {
            BsonDocument stored = checkpoints.find(new BsonDocument(EventFields.ID, new BsonString("chunk:" + chunk)))
                    .first();
            if (stored == null) {
                throw new IllegalStateException("Merkle checkpoint chunk " + chunk + " is missing");
            }
            leaves = stored.getBinary("leaves").getData();
            chunkCache.put(chunk, leaves);
        }
        return leaves;
    }

    private static byte[] rootOfLeaves(byte[] leaves, int lo, int hi) {
        if (hi - lo == 1) {
            return Arrays.copyOfRange(leaves, lo * 32, lo * 32 + 32);
        }
        int k = (int) MerkleHash.split(hi - lo);
        return MerkleHash.node(rootOfLeaves(leaves, lo, lo + k), rootOfLeaves(leaves, lo + k, hi));
    }

    private void requireWithin(long n) {
        if (n > size) {
            throw new IllegalArgumentException("the tree has " + size + " leaves, not " + n);
        }
    }

    /** Reads the head and the chunk roots once; the leaves of a chunk are read when a proof needs them. */
    private void load() {
        if (loaded) {
            return;
        }
        BsonDocument head = checkpoints.find(new BsonDocument(EventFields.ID, new BsonString(HEAD))).first();
        size = head == null ? 0 : head.getNumber("size").longValue();
        long fullChunks = size / CHUNK;
        for (long low = 0; low < fullChunks; low += 1000) {
            BsonArray ids = new BsonArray();
            for (long chunk = low; chunk < Math.min(fullChunks, low + 1000); chunk++) {
                ids.add(new BsonString("chunk:" + chunk));
            }
            Map<String, byte[]> roots = new java.util.HashMap<>();
            for (BsonDocument stored : checkpoints.find(new BsonDocument(EventFields.ID, new BsonDocument("$in", ids)))
                    .projection(new BsonDocument("root", new BsonInt32(1)))) {
                roots.put(stored.getString(EventFields.ID).getValue(), stored.getBinary("root").getData());
            }
            for (long chunk = low; chunk < Math.min(fullChunks, low + 1000); chunk++) {
                byte[] root = roots.get("chunk:" + chunk);
                if (root == null) {
                    throw new IllegalStateException("Merkle checkpoint chunk " + chunk + " is missing");
                }
                chunkRoots.add(root);
            }
        }
        if (size % CHUNK != 0) {
            BsonDocument stored = checkpoints.find(new BsonDocument(EventFields.ID,
                    new BsonString("chunk:" + fullChunks))).first();
            byte[] leaves = stored == null ? new byte[0] : stored.getBinary("leaves").getData();
            if (leaves.length != (size % CHUNK) * 32) {
                throw new IllegalStateException("Merkle checkpoint chunk " + fullChunks + " does not match the head");
            }
            System.arraycopy(leaves, 0, tail, 0, leaves.length);
            tailCount = leaves.length / 32;
        }
        loaded = true;
    }

    private static BsonDocument leafFields() {
        return new BsonDocument(EventFields.HASH, new BsonInt32(1)).append(EventFields.TYPE, new BsonInt32(1))
                .append(EventFields.TIMESTAMP, new BsonInt32(1)).append(EventFields.PAYLOAD, new BsonInt32(1));
    }

}
