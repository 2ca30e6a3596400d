package dev.kehu.infra.embedded;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the MVStore file of {@link DurableH2Backend} within a small factor of its live data while the server runs.
 * With auto-commit off, MVStore's own background housekeeping does not run, and every request commits a small chunk
 * that makes older pages dead; the backend calls this class in its rounds and while idle:
 *
 * <ul>
 *   <li>A chunk left with no live page is reused after {@value #CHUNK_RETENTION_MS} ms instead of MVStore's 45 s
 *       (meant for file systems that reorder unsynced writes; every round here syncs before the next one writes).
 *       With a commit per request, 45 s of dead chunks was most of the file: 9 KB per stored event while running.
 *       Long enough for a scan's batch, which reads one version of a map (a scan holds none between batches).</li>
 *   <li>In a round, at most every {@value #COMPACT_INTERVAL_MS} ms, the live pages of sparse chunks are rewritten
 *       (up to {@value #COMPACT_WRITE_BYTES} bytes), so that their chunks die and their space is reused.</li>
 *   <li>After a second without any round, a file larger than {@value #SHRINK_MIN_BYTES} bytes and mostly free space
 *       or old versions is shrunk: live chunks moved to its start and the file truncated
 *       ({@code MVStore.compactFile}, which syncs what it moved before it frees the old places), for at most about
 *       {@value #SHRINK_MAX_MS} ms.</li>
 * </ul>
 */
final class FileHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(FileHousekeeping.class);

    static final int CHUNK_RETENTION_MS = 2_000;
    private static final long COMPACT_INTERVAL_MS = 1_000;
    private static final int COMPACT_WRITE_BYTES = 1024 * 1024;
    private static final int COMPACT_BELOW_FILL_PERCENT = 50;
    private static final long SHRINK_MIN_BYTES = 4L * 1024 * 1024;
    private static final int SHRINK_BELOW_FILL_PERCENT = 50;
    private static final int SHRINK_MAX_MS = 200;

    private final MVStore store;
    private long lastCompaction = System.currentTimeMillis();

    FileHousekeeping(MVStore store) {
        this.store = store;
        store.setRetentionTime(CHUNK_RETENTION_MS);
    }

    /** In a round, before its commit (no request is half done): rewrites sparse chunks now and then. */
    void inRound() {
        long now = System.currentTimeMillis();
        if (now - lastCompaction >= COMPACT_INTERVAL_MS) {
            lastCompaction = now;
            store.compact(COMPACT_BELOW_FILL_PERCENT, COMPACT_WRITE_BYTES);
        }
    }

    /** Whether the file is large and mostly free space or old versions (as {@code StoreFile.compactIfSparse} asks). */
    boolean worthShrinking() {
        FileStore<?> file = store.getFileStore();
        return file != null && file.size() > SHRINK_MIN_BYTES
                && Math.min(file.getFillRate(), file.getChunksFillRate()) < SHRINK_BELOW_FILL_PERCENT;
    }

    /** Shrinks the file; only with nothing unsaved and no round running (the caller holds them back). */
    void shrink() {
        long before = store.getFileStore().size();
        store.compactFile(SHRINK_MAX_MS);
        store.setRetentionTime(CHUNK_RETENTION_MS); // compactFile sets it to 0
        log.debug("Shrank the embedded MongoDB data file while idle from {} to {} bytes", before,
                store.getFileStore().size());
    }
}
