package dev.kehu.infra.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * For benchmarks: the embedded default as it was before Kehu's store, mongo-java-server's own H2 backend (its
 * MVStore opened as {@link DurableH2Backend} opened it then) under the same durable wrapper, bound to 127.0.0.1.
 */
public final class StockH2DurableServer implements AutoCloseable {

    private final MongoServer server;
    private final String uri;

    private StockH2DurableServer(Path dir) throws IOException {
        Files.createDirectories(dir);
        MVStore store = new MVStore.Builder().fileName(dir.resolve("kehu.mv").toString())
                .autoCommitDisabled().autoCommitBufferSize(0).open();
        server = new MongoServer(new DurableH2Backend(store, null, Runnable::run, H2Backend::new));
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, 32);
        uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    public static StockH2DurableServer start(Path dir) throws IOException {
        return new StockH2DurableServer(dir);
    }

    public String connectionString() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
