package dev.kehu.infra.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import dev.kehu.infra.embedded.store.LogFile;
import dev.kehu.infra.embedded.store.StoreBackend;
import dev.kehu.infra.embedded.store.StoreFile;

import de.bwaldvogel.mongo.MongoServer;

/**
 * What a storage test opened (servers, clients), closed after each test in reverse order, as a JUnit extension:
 * {@code @RegisterExtension final OpenResources open = new OpenResources();}. Also reads a store file the way a
 * crash would leave it, through {@link #serveACopyOf}.
 */
public final class OpenResources implements AfterEachCallback {

    private final List<AutoCloseable> open = new ArrayList<>();

    /** Closes {@code resource} after the test; returns it. */
    public <T extends AutoCloseable> T add(T resource) {
        open.add(resource);
        return resource;
    }

    /** Forgets a resource the test closed itself. */
    public void remove(AutoCloseable resource) {
        open.remove(resource);
    }

    /** A client on {@code uri}, closed after the test. */
    public MongoClient client(String uri) {
        return add(MongoClients.create(uri));
    }

    /**
     * Copies the store file and its change log as they are right now (the server that writes them keeps running)
     * into a new directory below {@code tempDir}, replays the log into the copy as a start-up would, and serves the
     * copy on a port of its own, stopped after the test: the MongoDB URI to read it. The log is copied first: a
     * checkpoint between the two copies then leaves a store that holds what the log held.
     */
    public String serveACopyOf(Path file, Path tempDir) throws IOException {
        Path copy = Files.createTempDirectory(tempDir, "copy").resolve("copy.mv");
        if (Files.exists(LogFile.of(file))) {
            Files.copy(LogFile.of(file), LogFile.of(copy));
        }
        Files.copy(file, copy);
        StoreFile.recover(copy);
        MongoServer reader = new MongoServer(new StoreBackend(MVStore.open(copy.toString())));
        InetSocketAddress address = reader.bind();
        add(reader::shutdownNow);
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }
}
