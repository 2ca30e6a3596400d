package dev.kehu.infra.embedded.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the store's file is opened, and its full compaction at start-up. Why a full compaction of our own: MVStore
 * writes every commit as a new chunk and reuses the space of old chunks only once they hold no live page, so a
 * store whose documents are rewritten often (the views) grows to many times its live data; rewriting sparse chunks
 * while running ({@code MVStore.compact}) slows that down but never shrinks the file. At start-up, before anything is
 * served, a file whose chunks are mostly old versions is copied map by map into a new file, synced, and moved over
 * the old one in one atomic rename; a crash at any point leaves either the old file or the new one, both complete.
 * (H2's own {@code MVStoreTool.compact} cannot be used: it reads maps with H2's generic types, not ours.)
 */
public final class StoreFile {

    private static final Logger log = LoggerFactory.getLogger(StoreFile.class);

    /** Page cache (MB): the pages of the event log's recent end and of the views stay decoded in memory. */
    static final int CACHE_MB = 64;
    /** A file with less live data than this percentage of its chunks is rewritten at start-up. */
    static final int MIN_FILL_PERCENT = 50;
    private static final long MIN_SIZE_TO_COMPACT = 4L * 1024 * 1024;

    private StoreFile() {
    }

    /**
     * Pages are split above this size (MVStore's default for a file: 16 KB). Every commit rewrites, and compresses,
     * each page it changed whole; with a commit per request (a one-event append, a view update) that was most of the
     * embedded server's CPU (LZF compression was 40% of its threads' samples under the command load) and of the
     * chunks written. Smaller pages cost a slightly deeper tree.
     */
    static final int PAGE_SPLIT_BYTES = 4 * 1024;

    /** Auto-commit off (only the durable wrapper commits), small LZF-compressed pages, a {@value #CACHE_MB} MB cache. */
    public static MVStore.Builder builder(Path file) {
        return new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .autoCommitBufferSize(0)
                .cacheSize(CACHE_MB)
                .pageSplitSize(PAGE_SPLIT_BYTES)
                .compress();
    }

    /** Rewrites the file with only its live data when most of it is old versions; returns whether it did. */
    public static boolean compactIfSparse(Path file) {
        Path target = file.resolveSibling(file.getFileName() + ".compacting");
        try {
            Files.deleteIfExists(target); // left by a start-up that crashed while compacting
            if (!Files.exists(file) || Files.size(file) < MIN_SIZE_TO_COMPACT) {
                return false;
            }
            long before = Files.size(file);
            long started = System.currentTimeMillis();
            try (MVStore source = builder(file).open()) {
                FileStore<?> fileStore = source.getFileStore();
                int fill = Math.min(fileStore.getFillRate(), fileStore.getChunksFillRate());
                if (fill >= MIN_FILL_PERCENT || !source.getMapNames().stream().allMatch(StoreFile::isOurs)) {
                    return false; // dense enough, or maps of another layout (converted when the backend opens)
                }
                try (MVStore copy = builder(target).open()) {
                    copyMaps(source, copy);
                    copy.setStoreVersion(source.getStoreVersion()); // the log's generation (LogFile)
                    copy.commit();
                }
            }
            sync(target);
            Files.move(target, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            sync(file.toAbsolutePath().getParent());
            log.info("Compacted the embedded MongoDB data file {} from {} to {} bytes in {} ms", file, before,
                    Files.size(file), System.currentTimeMillis() - started);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not compact " + file, e);
        }
    }

    /**
     * Applies the change log ({@link LogFile}) to the store file and commits it, before the file is opened to be
     * served: the rounds answered since the last checkpoint are in the log only. A log without a store file beside
     * it (the store was deleted) is deleted. Returns the number of blocks replayed.
     */
    public static int recover(Path file) {
        Path logFile = LogFile.of(file);
        try {
            if (!Files.exists(logFile)) {
                return 0;
            }
            if (!Files.exists(file)) {
                Files.delete(logFile);
                return 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not check the store's log " + logFile, e);
        }
        long started = System.currentTimeMillis();
        try (MVStore store = builder(file).open()) {
            List<ByteBuffer> blocks = LogFile.blocks(logFile, store.getStoreVersion());
            if (blocks.isEmpty()) {
                return 0;
            }
            StoreMaps maps = new StoreMaps(store);
            long records = 0;
            for (ByteBuffer block : blocks) {
                records += ChangeLog.replay(block, maps);
            }
            checkpoint(store);
            store.sync();
            log.info("Replayed {} changes in {} rounds of the log {} into the store in {} ms", records, blocks.size(),
                    logFile, System.currentTimeMillis() - started);
            return blocks.size();
        }
    }

    /**
     * Commits the store as a checkpoint: everything written so far is in this commit, and the log's blocks that
     * follow it carry the next generation (returned). The caller syncs the store before writing any of them.
     */
    public static long checkpoint(MVStore store) {
        int next = store.getStoreVersion() + 1;
        store.setStoreVersion(next);
        store.commit();
        return next;
    }

    private static void copyMaps(MVStore source, MVStore target) {
        StoreMaps from = new StoreMaps(source);
        StoreMaps to = new StoreMaps(target);
        for (String name : source.getMapNames()) {
            if (StoreMaps.isData(name)) {
                copy(from.dataByName(name), to.dataByName(name));
            } else if (StoreMaps.isIndex(name)) {
                copy(from.indexByName(name), to.indexByName(name));
            }
        }
    }

    private static boolean isOurs(String mapName) {
        return StoreMaps.isData(mapName) || StoreMaps.isIndex(mapName);
    }

    private static <K, V> void copy(MVMap<K, V> from, MVMap<K, V> to) {
        var cursor = from.cursor(null);
        while (cursor.hasNext()) {
            K key = cursor.next();
            to.put(key, cursor.getValue());
        }
    }

    /** Syncs a file or directory (a new file's directory entry); where the file system cannot, says so at debug. */
    public static void sync(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("Could not sync {}: {}", path, e.toString());
        }
    }
}
