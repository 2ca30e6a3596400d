package dev.kehu.infra.embedded.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Converts a file of mongo-java-server's own H2 backend (the embedded default before this store): every document of
 * its {@code databases.<db>.<collection>} maps (Java-serialized) is copied into this store's maps, then every map of
 * the old layout is removed. Index maps are not copied: the indexes are defined in each database's
 * {@code system.indexes} collection (copied like any other) and are rebuilt from the documents when the database
 * opens. Nothing is committed here: the caller's first commit writes the whole conversion at once, so a crash
 * before it leaves the old file as it was.
 */
final class LegacyH2Migration {

    private static final Logger log = LoggerFactory.getLogger(LegacyH2Migration.class);
    private static final String LEGACY_DATA = "databases.";

    private LegacyH2Migration() {
    }

    static boolean isLegacyMap(String name) {
        return !name.startsWith(StoreMaps.PREFIX)
                && (name.startsWith(LEGACY_DATA) || name.startsWith("meta.") || name.contains("._index_"));
    }

    static void migrateIfPresent(MVStore store, StoreMaps maps) {
        List<String> legacy = store.getMapNames().stream().filter(LegacyH2Migration::isLegacyMap).sorted().toList();
        if (legacy.isEmpty()) {
            return;
        }
        long started = System.currentTimeMillis();
        long documents = 0;
        for (String name : legacy) {
            if (name.startsWith(LEGACY_DATA)) {
                documents += copy(store.openMap(name), maps.data(name.substring(LEGACY_DATA.length())));
            }
        }
        for (String name : legacy) {
            store.removeMap(name);
        }
        log.warn("Converted {} documents of {} maps from mongo-java-server's H2 layout to Kehu's store in {} ms",
                documents, legacy.size(), System.currentTimeMillis() - started);
    }

    private static long copy(MVMap<Object, Object> from, MVMap<Object, byte[]> to) {
        long copied = 0;
        for (Map.Entry<Object, Object> entry : from.entrySet()) {
            Object key = entry.getKey();
            if (key instanceof UUID) {
                key = new ObjectId(); // the old layout's key of a collection without _id (system.indexes)
            }
            to.put(key, BsonBytes.encode((Document) entry.getValue()));
            copied++;
        }
        return copied;
    }
}
