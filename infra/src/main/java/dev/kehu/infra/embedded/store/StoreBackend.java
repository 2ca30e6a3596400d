package dev.kehu.infra.embedded.store;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.MongoMessage;

/**
 * Kehu's storage for the embedded MongoDB-wire server, on an H2 MVStore: documents as BSON bytes in {@code _id}
 * order, the {@code _id} index being that order itself, unique indexes compared field by field, range queries on
 * {@code _id} that read only their range, lazily ({@link StoreCollection}). Commands, query matching, updates and
 * the wire protocol are mongo-java-server's. Committing and syncing the store is the caller's business (the
 * durable wrapper in {@code dev.kehu.infra.embedded}); this class never commits.
 *
 * <p>A file written by mongo-java-server's own H2 backend is converted on opening ({@link LegacyH2Migration}); the
 * conversion becomes durable with the caller's first commit, all at once.
 */
public final class StoreBackend extends AbstractMongoBackend {

    private static final Logger log = LoggerFactory.getLogger(StoreBackend.class);

    private final MVStore store;
    private final StoreMaps maps;

    /** A store committed by its caller alone (in memory, or a copy read in a test): no change log. */
    public StoreBackend(MVStore store) {
        this(store, ChangeLog.off());
    }

    /** @param changes where every write to the store's maps is recorded for the durable wrapper's log */
    public StoreBackend(MVStore store, ChangeLog changes) {
        this.store = store;
        this.maps = new StoreMaps(store, changes);
        LegacyH2Migration.migrateIfPresent(store, maps);
        for (String database : maps.databases()) {
            try {
                resolveDatabase(database);
            } catch (MongoServerException e) {
                log.error("Could not open the database '{}'", database, e);
            }
        }
    }

    /**
     * A {@code find} that {@link StoredFind} can answer is answered with the stored bytes of its documents, written
     * by {@link StoredReplyEncoder} (put on the connection here); every other message takes the stock path.
     */
    @Override
    public Document handleMessage(MongoMessage message) {
        Document command = message.getDocument();
        String database = message.getDatabaseName();
        if ("find".equals(command.keySet().iterator().next()) && database != null && !"admin".equals(database)) {
            Document reply = StoredFind.answer(resolveDatabase(database), command);
            if (reply != null) {
                StoredReplyEncoder.install(message.getChannel());
                return reply;
            }
        }
        return super.handleMessage(message);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new StoreDatabase(databaseName, maps, getCursorRegistry());
    }

    public MVStore store() {
        return store;
    }

    @Override
    public void close() {
        super.close();
        store.close();
    }

    @Override
    public String toString() {
        return "StoreBackend[" + (store.getFileStore() == null ? "memory" : store.getFileStore().getFileName()) + "]";
    }
}
