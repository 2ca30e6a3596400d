package dev.kehu.infra.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.kehu.infra.embedded.store.StoreBackend;
import org.h2.mvstore.MVStore;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A real MongoDB-wire server on 127.0.0.1, reached by the real driver: mongo-java-server on its memory backend, or,
 * from {@link #onKehuStore()}, on Kehu's own store ({@link StoreBackend}, what the application's embedded server
 * runs) in an in-memory MVStore, so the engine's reads take the store's paths (index ranges, finds answered with
 * stored bytes) as in the application.
 */
public final class MongoTestServer implements AutoCloseable {

    private final MongoServer server;
    private final String uri;
    private final List<MongoClient> clients = new ArrayList<>();

    public MongoTestServer() {
        this(new MemoryBackend());
    }

    /** On Kehu's store, in memory. (The memory backend returns unindexed scans in its slot order, the store never.) */
    public static MongoTestServer onKehuStore() {
        return new MongoTestServer(new StoreBackend(new MVStore.Builder().open()));
    }

    private MongoTestServer(MongoBackend backend) {
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        uri = "mongodb://127.0.0.1:" + address.getPort();
    }

    public String uri() {
        return uri;
    }

    /** A new client (its own connection pool), as a separate application instance would have. */
    public MongoClient newClient() {
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri)).build());
        clients.add(client);
        return client;
    }

    /** A fresh database with a unique name, through a new client. */
    public MongoDatabase newDatabase() {
        return newClient().getDatabase("kehu_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public void close() {
        clients.forEach(MongoClient::close);
        server.shutdownNow();
    }
}
