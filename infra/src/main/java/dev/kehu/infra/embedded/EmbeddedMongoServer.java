package dev.kehu.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The embedded MongoDB-wire server ({@code mongo-java-server}), bound to 127.0.0.1 only. The application
 * uses the H2 backend (one file, {@code <dir>/kehu.mv}: data survives a restart); tests use the memory
 * backend.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoBackend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final String description;

    private EmbeddedMongoServer(MongoBackend backend, int port, String description) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        this.server.bind("127.0.0.1", port);
        this.address = server.getLocalAddress();
        this.description = description;
    }

    /** A server whose data lives in {@code dir/kehu.mv}; fails if another process has that file open. */
    public static EmbeddedMongoServer onFile(Path dir, int port) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dir, e);
        }
        Path file = dir.toAbsolutePath().normalize().resolve("kehu.mv");
        EmbeddedMongoServer server = new EmbeddedMongoServer(new H2Backend(file.toString()), port, "H2 file " + file);
        log.info("Embedded MongoDB-wire server listening on {} (data in {})", server.connectionString(), file);
        return server;
    }

    /** A server that keeps everything in memory, on a free port. */
    public static EmbeddedMongoServer inMemory() {
        return new EmbeddedMongoServer(new MemoryBackend(), 0, "memory");
    }

    /** E.g. {@code mongodb://127.0.0.1:41234}. */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close(); // the server leaves its backend open; for H2 this commits and releases the file
        log.info("Embedded MongoDB-wire server on port {} ({}) stopped", address.getPort(), description);
    }
}
