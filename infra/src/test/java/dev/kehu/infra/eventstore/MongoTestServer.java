package dev.kehu.infra.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A real MongoDB-wire server (mongo-java-server, memory backend) on 127.0.0.1, reached by the real driver. */
public final class MongoTestServer implements AutoCloseable {

    private final MongoServer server;
    private final String uri;
    private final List<MongoClient> clients = new ArrayList<>();

    public MongoTestServer() {
        server = new MongoServer(new MemoryBackend());
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
