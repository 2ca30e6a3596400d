package dev.kehu.query.history;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An embedded MongoDB-wire server (memory backend) on a free port, with a client, for tests and benchmarks. */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    public EmbeddedMongo() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    /**
     * A server on {@code port} (0: a free one) whose client gives up selecting a server after
     * {@code serverSelectionMillis}: for tests that stop the server and start another on the same
     * port while the client stays (an outage).
     */
    public EmbeddedMongo(int port, int serverSelectionMillis) {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort() + "/?serverSelectionTimeoutMS="
                + serverSelectionMillis + "&connectTimeoutMS=" + serverSelectionMillis + "&socketTimeoutMS=" + 4 * serverSelectionMillis);
    }

    /** The port the server listens on. */
    public int port() {
        return server.getLocalAddress().getPort();
    }

    /** Stops the server (an outage), leaving the client as it is. */
    public void stopServer() {
        server.shutdownNow();
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    /** Every document of every collection except {@code projection_positions}, as JSON, by collection and {@code _id}. */
    public static Map<String, List<String>> snapshot(MongoDatabase database) {
        Map<String, List<String>> snapshot = new TreeMap<>();
        for (String collection : database.listCollectionNames()) {
            if (collection.equals("projection_positions")) {
                continue;
            }
            List<String> documents = new ArrayList<>();
            for (Document document : database.getCollection(collection).find().sort(new Document("_id", 1))) {
                documents.add(document.toJson());
            }
            snapshot.put(collection, documents);
        }
        return snapshot;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
