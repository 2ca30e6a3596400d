package dev.kehu.infra.embedded.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The store's change log ({@code kehu.mv.log} beside {@code kehu.mv}): blocks of {@link ChangeLog} records, each
 * block the changes of one durable round, appended and synced with {@code fdatasync}. A block is
 * {@code [magic][payload length][generation][CRC-32C of length, generation and payload][payload]}.
 *
 * <p>Generations: the store file names the generation its last commit (a checkpoint) was followed by
 * ({@code MVStore.getStoreVersion}); after each checkpoint is synced the log starts again at offset 0 with the next
 * generation. At start-up only the blocks of the store's generation are replayed, from offset 0 up to the first one
 * that is not whole (a torn tail: the round it held was never answered) or belongs to an older generation (left from
 * before the checkpoint).
 *
 * <p>The file is grown in steps of {@value #GROW_BYTES} bytes of zeros, written ahead, so that a round's sync is a
 * data-only {@code fdatasync} that need not also journal a new file size (the way PostgreSQL keeps its WAL segments).
 */
public final class LogFile implements Closeable {

    private static final int MAGIC = 0x4B65487C;
    private static final int HEADER_BYTES = 4 + 4 + 8 + 4;
    static final int GROW_BYTES = 4 * 1024 * 1024;

    private final FileChannel channel;
    private long generation;
    private long position;
    private long allocated;

    private LogFile(FileChannel channel, long generation) throws IOException {
        this.channel = channel;
        this.generation = generation;
        this.allocated = channel.size();
    }

    /** The log of the store file {@code storeFile}: its name with {@code .log} added. */
    public static Path of(Path storeFile) {
        return storeFile.resolveSibling(storeFile.getFileName() + ".log");
    }

    /**
     * Opens (or creates) the log for writing blocks of {@code generation} from offset 0. Generation 0 is a new store
     * (its first checkpoint makes it 1): whatever the file holds then belongs to a store that is gone, and is
     * dropped, so that none of its blocks can ever be taken for one of the new store's.
     */
    public static LogFile open(Path file, long generation) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (generation == 0) {
                channel.truncate(0);
            }
            return new LogFile(channel, generation);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the store's log " + file, e);
        }
    }

    /** Bytes written in this generation. */
    public long size() {
        return position;
    }

    /** Writes one block after the last one (not synced: {@link #sync}). */
    public void append(byte[] payload) {
        ByteBuffer block = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        block.putInt(MAGIC).putInt(payload.length).putLong(generation).putInt(crc(payload.length, generation, payload))
                .put(payload).flip();
        try {
            growFor(block.remaining());
            while (block.hasRemaining()) {
                position += channel.write(block, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the store's log", e);
        }
    }

    /** Syncs what was written ({@code fdatasync}: the file's size changes only when it grows). */
    public void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not sync the store's log", e);
        }
    }

    /** After a checkpoint is on disk: the next block is written at offset 0, in {@code next} generation. */
    public void restart(long next) {
        generation = next;
        position = 0;
    }

    private void growFor(int bytes) throws IOException {
        if (position + bytes <= allocated) {
            return;
        }
        long target = Math.max(allocated + GROW_BYTES, position + bytes);
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        for (long at = allocated; at < target; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), target - at));
            at += channel.write(zeros, at);
        }
        allocated = target;
    }

    /**
     * The payloads of the whole blocks of {@code generation}, from offset 0 up to the first block that is torn, of
     * another generation or absent.
     */
    static List<ByteBuffer> blocks(Path file, long generation) {
        List<ByteBuffer> blocks = new ArrayList<>();
        if (!Files.exists(file)) {
            return blocks;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long at = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (at + HEADER_BYTES <= size) {
                header.clear();
                readFully(channel, header, at);
                header.flip();
                int magic = header.getInt();
                int length = header.getInt();
                long blockGeneration = header.getLong();
                int crc = header.getInt();
                if (magic != MAGIC || blockGeneration != generation || length < 0
                        || at + HEADER_BYTES + length > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(channel, payload, at + HEADER_BYTES);
                if (crc(length, blockGeneration, payload.array()) != crc) {
                    break;
                }
                blocks.add(payload.flip());
                at += HEADER_BYTES + length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the store's log " + file, e);
        }
        return blocks;
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long at) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into, at + into.position()) < 0) {
                throw new IOException("Unexpected end of the log at " + at);
            }
        }
    }

    private static int crc(int length, long generation, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(12).putInt(length).putLong(generation).flip());
        crc.update(payload);
        return (int) crc.getValue();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the store's log", e);
        }
    }
}
