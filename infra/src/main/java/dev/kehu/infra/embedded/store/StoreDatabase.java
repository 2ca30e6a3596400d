package dev.kehu.infra.embedded.store;

import java.util.List;

import org.h2.mvstore.FileStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * One database of the store: its collections and unique indexes in {@link StoreMaps}. Commands, index definitions
 * ({@code system.indexes}) and namespaces are mongo-java-server's; only where things are kept is ours.
 */
final class StoreDatabase extends AbstractSynchronizedMongoDatabase<Object> {

    private static final String ID_FIELD = "_id";

    private final StoreMaps maps;

    StoreDatabase(String name, StoreMaps maps, CursorRegistry cursorRegistry) {
        super(name, cursorRegistry);
        this.maps = maps;
        initializeNamespacesAndIndexes();
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        return new StoreCollection(this, collectionName, options,
                maps.data(getFullCollectionNamespace(collectionName)), maps.changes(), cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        String namespace = getFullCollectionNamespace(collectionName);
        if (!sparse && keys.size() == 1 && keys.get(0).getKey().equals(ID_FIELD)) {
            return new PrimaryKeyIndex(maps.data(namespace), indexName, keys);
        }
        return new StoreUniqueIndex(maps.index(namespace, indexName), maps.changes(), indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        maps.removeIndex(getFullCollectionNamespace(collection.getCollectionName()), indexName);
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        maps.removeDatabase(getDatabaseName());
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        maps.removeCollection(getFullCollectionNamespace(collectionName));
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldNamespace = collection.getFullName();
        super.moveCollection(oldDatabase, collection, newCollectionName);
        maps.renameCollection(oldNamespace, getFullCollectionNamespace(newCollectionName));
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> fileStore = maps.store().getFileStore();
        return fileStore != null ? fileStore.size() : 0;
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }
}
