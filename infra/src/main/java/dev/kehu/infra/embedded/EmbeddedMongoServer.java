package dev.kehu.infra.embedded;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kehu.infra.embedded.store.LogFile;
import dev.kehu.infra.mongodb.LocalMongoServer;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The embedded MongoDB-wire server ({@code mongo-java-server}), bound to 127.0.0.1 only. The application
 * keeps its data in Kehu's H2 MVStore store ({@code dev.kehu.infra.embedded.store.StoreBackend}, one file,
 * {@code <dir>/kehu.mv}) with durable replies: a write is answered once it is
 * synced to disk, and no reply carries data that is not (see {@link DurableH2Backend}). The directory and its
 * files are readable by their owner only. Tests use the memory backend.
 */
public final class EmbeddedMongoServer implements AutoCloseable, LocalMongoServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoServer server;
    private final InetSocketAddress address;
    private final String description;

    /**
     * Request handlers wait for the sync that covers their reply on a network thread; with mongo-java-server's
     * default (two per core) a few waiting connections would hold up the others on their threads.
     */
    private static final int DURABLE_NETWORK_THREADS = 32;

    private EmbeddedMongoServer(MongoBackend backend, int port, int networkThreads, String description) {
        this.server = new MongoServer(backend);
        this.server.bind(new InetSocketAddress("127.0.0.1", port), 1, networkThreads);
        this.address = server.getLocalAddress();
        this.description = description;
    }

    /**
     * A server whose data lives in {@code dir/kehu.mv}, answering each request once what it wrote is on disk; fails
     * if another process has that file open.
     */
    public static EmbeddedMongoServer onFile(Path dir, int port) {
        Path directory = dir.toAbsolutePath().normalize();
        OwnerOnlyFiles.directory(directory);
        Path file = directory.resolve("kehu.mv");
        OwnerOnlyFiles.file(file);
        OwnerOnlyFiles.file(LogFile.of(file));
        EmbeddedMongoServer server = new EmbeddedMongoServer(DurableH2Backend.open(file), port,
                DURABLE_NETWORK_THREADS, "H2 file " + file);
        log.info("Embedded MongoDB-wire server listening on {} (data in {})", server.connectionString(), file);
        return server;
    }

    /** A server that keeps everything in memory, on a free port. */
    public static EmbeddedMongoServer inMemory() {
        return new EmbeddedMongoServer(new MemoryBackend(), 0, 0, "memory");
    }

    @Override
    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        log.info("Embedded MongoDB-wire server on port {} ({}) stopped", address.getPort(), description);
    }
}
