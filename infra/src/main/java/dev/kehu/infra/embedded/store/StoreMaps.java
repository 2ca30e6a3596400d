package dev.kehu.infra.embedded.store;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * Names and types of the MVStore maps that hold the databases. Every name starts with {@value #PREFIX}, so a file of
 * mongo-java-server's own H2 backend (maps {@code databases.*}, {@code meta.*}) is told apart at a glance:
 *
 * <ul>
 *   <li>{@code kehu2.data.<db>.<collection>}: {@code _id} → the document's BSON bytes, in {@code _id} order;</li>
 *   <li>{@code kehu2.index.<db>.<collection>.<index>}: unique-index key → {@code _id} (the {@code _id} index has no
 *       map of its own: the data map is ordered by {@code _id}).</li>
 * </ul>
 */
final class StoreMaps {

    static final String PREFIX = "kehu2.";
    private static final String DATA = PREFIX + "data.";
    private static final String INDEX = PREFIX + "index.";

    private final MVStore store;
    private final ChangeLog changes;

    StoreMaps(MVStore store) {
        this(store, ChangeLog.off());
    }

    StoreMaps(MVStore store, ChangeLog changes) {
        this.store = store;
        this.changes = changes;
    }

    MVStore store() {
        return store;
    }

    /** Where writes to these maps are recorded for the durable wrapper's log. */
    ChangeLog changes() {
        return changes;
    }

    /** A data or index map by its full name, with its key and value types. */
    MVMap<?, ?> byName(String name) {
        return isData(name) ? dataByName(name) : indexByName(name);
    }

    MVMap<Object, byte[]> data(String namespace) {
        return dataByName(DATA + namespace);
    }

    MVMap<Object, byte[]> dataByName(String name) {
        return store.openMap(name,
                new MVMap.Builder<Object, byte[]>().keyType(IdKeyType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    MVMap<KeyValue, Object> index(String namespace, String indexName) {
        return indexByName(indexName(namespace, indexName));
    }

    MVMap<KeyValue, Object> indexByName(String name) {
        return store.openMap(name,
                new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE).valueType(IdKeyType.INSTANCE));
    }

    private static String indexName(String namespace, String indexName) {
        return INDEX + namespace + "/" + indexName;
    }

    void removeIndex(String namespace, String indexName) {
        String name = indexName(namespace, indexName);
        if (store.hasMap(name)) {
            store.removeMap(name);
            changes.removeMap(name);
        }
    }

    /** Removes a collection's documents and indexes. */
    void removeCollection(String namespace) {
        removeWithPrefix(DATA + namespace, true);
        removeWithPrefix(INDEX + namespace + "/", false);
    }

    /** Removes every map of a database. */
    void removeDatabase(String database) {
        removeWithPrefix(DATA + database + ".", false);
        removeWithPrefix(INDEX + database + ".", false);
    }

    private void removeWithPrefix(String prefix, boolean exact) {
        for (String name : List.copyOf(store.getMapNames())) {
            if (exact ? name.equals(prefix) : name.startsWith(prefix)) {
                store.removeMap(name);
                changes.removeMap(name);
            }
        }
    }

    void renameCollection(String namespace, String newNamespace) {
        store.renameMap(data(namespace), DATA + newNamespace);
        changes.renameMap(DATA + namespace, DATA + newNamespace);
        String indexPrefix = INDEX + namespace + "/";
        for (String name : List.copyOf(store.getMapNames())) {
            if (name.startsWith(indexPrefix)) {
                String newName = INDEX + newNamespace + "/" + name.substring(indexPrefix.length());
                store.renameMap(store.openMap(name), newName);
                changes.renameMap(name, newName);
            }
        }
    }

    static boolean isData(String mapName) {
        return mapName.startsWith(DATA);
    }

    static boolean isIndex(String mapName) {
        return mapName.startsWith(INDEX);
    }

    /** The databases that have at least one collection in the file. */
    Set<String> databases() {
        Set<String> databases = new TreeSet<>();
        for (String name : store.getMapNames()) {
            if (name.startsWith(DATA)) {
                String namespace = name.substring(DATA.length());
                databases.add(namespace.substring(0, namespace.indexOf('.')));
            }
        }
        return databases;
    }
}
