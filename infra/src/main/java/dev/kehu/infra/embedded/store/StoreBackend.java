package dev.kehu.infra.embedded.store;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.exception.MongoServerException;

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
