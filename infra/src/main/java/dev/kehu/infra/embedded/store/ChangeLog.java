package dev.kehu.infra.embedded.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;

/**
 * Every change made to the store's maps since the last round, as compact records (put, remove, a map removed or
 * renamed; keys and values in the maps' own H2 forms), for the durable wrapper to append to the {@link LogFile} and
 * sync instead of committing the whole MVStore on every round. Why: an MVStore commit rewrites and compresses every
 * page a round touched (about 1.1 ms a round, most of the embedded server's CPU under single-event commits), while
 * the changes themselves are a few hundred bytes; the store is now committed about once a second (a checkpoint), and
 * the log holds what came after. {@link #replay} applies a block to the store at start-up.
 *
 * <p>Records are added by writing requests while they change a map (from the collection's own lock, so the changes
 * of one key are logged in the order they were made); the wrapper takes them all, between whole requests, when a
 * round starts ({@link #take}).
 */
public final class ChangeLog {

    private static final byte PUT = 1;
    private static final byte REMOVE = 2;
    private static final byte REMOVE_MAP = 3;
    private static final byte RENAME_MAP = 4;
    private static final int INITIAL_BYTES = 64 * 1024;

    private final boolean on;
    private final WriteBuffer buffer = new WriteBuffer(INITIAL_BYTES);
    /** Map names in UTF-8 by map id ({@code MVMap.getName} reads the store's metadata); reset on a rename or removal. */
    private final Map<Integer, byte[]> names = new HashMap<>();
    private int records;

    private ChangeLog(boolean on) {
        this.on = on;
    }

    /** A log that records (for a store the wrapper syncs through a {@link LogFile}). */
    public static ChangeLog recording() {
        return new ChangeLog(true);
    }

    /** A log that records nothing: a store committed by other means (in memory, or a test). */
    public static ChangeLog off() {
        return new ChangeLog(false);
    }

    <K, V> void put(MVMap<K, V> map, K key, V value) {
        if (!on) {
            return;
        }
        synchronized (this) {
            buffer.put(PUT);
            name(map);
            map.getKeyType().write(buffer, key);
            map.getValueType().write(buffer, value);
            records++;
        }
    }

    <K> void remove(MVMap<K, ?> map, K key) {
        if (!on) {
            return;
        }
        synchronized (this) {
            buffer.put(REMOVE);
            name(map);
            map.getKeyType().write(buffer, key);
            records++;
        }
    }

    void removeMap(String name) {
        if (!on) {
            return;
        }
        synchronized (this) {
            buffer.put(REMOVE_MAP);
            text(name);
            names.clear();
            records++;
        }
    }

    void renameMap(String from, String to) {
        if (!on) {
            return;
        }
        synchronized (this) {
            buffer.put(RENAME_MAP);
            text(from);
            text(to);
            names.clear();
            records++;
        }
    }

    /** Whether anything was recorded since the last {@link #take}. */
    public synchronized boolean hasPending() {
        return records > 0;
    }

    /** Everything recorded so far, which is then forgotten; called with no writing request half done. */
    public synchronized byte[] take() {
        ByteBuffer written = buffer.getBuffer();
        byte[] bytes = new byte[written.position()];
        written.flip();
        written.get(bytes);
        buffer.clear();
        records = 0;
        return bytes;
    }

    private void name(MVMap<?, ?> map) {
        byte[] name = names.computeIfAbsent(map.getId(), id -> map.getName().getBytes(StandardCharsets.UTF_8));
        buffer.putVarInt(name.length).put(name);
    }

    private void text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.putVarInt(bytes.length).put(bytes);
    }

    /** Applies one block of records to the store's maps, in order; returns how many records it held. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int replay(ByteBuffer block, StoreMaps maps) {
        MVStore store = maps.store();
        int applied = 0;
        while (block.hasRemaining()) {
            byte op = block.get();
            String name = readText(block);
            switch (op) {
                case PUT -> {
                    MVMap map = maps.byName(name);
                    map.put(map.getKeyType().read(block), map.getValueType().read(block));
                }
                case REMOVE -> {
                    MVMap map = maps.byName(name);
                    map.remove(map.getKeyType().read(block));
                }
                case REMOVE_MAP -> {
                    if (store.hasMap(name)) {
                        store.removeMap(name);
                    }
                }
                case RENAME_MAP -> {
                    String to = readText(block);
                    if (store.hasMap(name)) {
                        store.renameMap(maps.byName(name), to);
                    }
                }
                default -> throw new IllegalStateException("Unknown change record " + op + " in the store's log");
            }
            applied++;
        }
        return applied;
    }

    private static String readText(ByteBuffer block) {
        byte[] bytes = new byte[DataUtils.readVarInt(block)];
        block.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
