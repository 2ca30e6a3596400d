package dev.kehu.infra.embedded;

import java.nio.file.Path;

import org.h2.mvstore.MVStore;

import dev.kehu.infra.embedded.store.ChangeLog;
import dev.kehu.infra.embedded.store.LogFile;
import dev.kehu.infra.embedded.store.StoreFile;

/**
 * What a round of {@link DurableH2Backend} writes to make everything written so far durable: usually only the changes
 * since the last round, appended to the store's {@link LogFile} and synced ({@code fdatasync}); now and then a
 * checkpoint, which commits the MVStore (every change since the last checkpoint, as one chunk), syncs it and starts
 * the log again. Why: committing the MVStore rewrites and LZF-compresses every page the changes touched, about 1.1 ms
 * of CPU per round even for a one-event commit, and grows the file by a chunk per round; the changes themselves are
 * a few hundred bytes. A checkpoint is due once a second while anything is unsaved ({@link #checkpointDue}, asked by
 * the idle committer) or when the log has grown past {@value #MAX_LOG_BYTES} bytes; the first round and the last one
 * (on close) are checkpoints. A store written by another backend (no log) has checkpoints only.
 */
final class StoreJournal implements AutoCloseable {

    static final long CHECKPOINT_INTERVAL_MS = 1_000;
    static final long MAX_LOG_BYTES = 64L * 1024 * 1024;

    private final MVStore store;
    private final ChangeLog changes;
    private final LogFile log;
    private final FileHousekeeping housekeeping;
    private volatile long lastCheckpoint = System.currentTimeMillis();

    /** @param logFile the log's file, or null for a store without one (checkpoints only) */
    StoreJournal(MVStore store, Path logFile) {
        this.store = store;
        this.changes = logFile != null ? ChangeLog.recording() : ChangeLog.off();
        this.log = logFile != null ? LogFile.open(logFile, store.getStoreVersion()) : null;
        this.housekeeping = new FileHousekeeping(store);
    }

    ChangeLog changes() {
        return changes;
    }

    FileHousekeeping housekeeping() {
        return housekeeping;
    }

    /** Whether something was written that no round has covered yet; asked with no writing request half done. */
    boolean hasUnsaved() {
        return log != null ? changes.hasPending() : store.hasUnsavedChanges();
    }

    /** Whether the store holds changes that only the log has on disk, and the last checkpoint is a while ago. */
    boolean checkpointDue() {
        return store.hasUnsavedChanges()
                && System.currentTimeMillis() - lastCheckpoint >= CHECKPOINT_INTERVAL_MS;
    }

    /**
     * The part of a round that runs with no writing request half done (the backend holds its gate): takes the
     * changes, or commits the store for a checkpoint. Returns the part that syncs, run after the gate is released.
     */
    Runnable underGate(boolean checkpoint) {
        if (log == null || checkpoint || log.size() >= MAX_LOG_BYTES) {
            changes.take(); // in the commit
            housekeeping.inRound();
            long next = StoreFile.checkpoint(store);
            return () -> {
                store.sync();
                if (log != null) {
                    log.restart(next);
                }
                lastCheckpoint = System.currentTimeMillis();
            };
        }
        byte[] payload = changes.take();
        return () -> {
            if (payload.length > 0) {
                log.append(payload);
                log.sync();
            }
        };
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
        }
    }
}
