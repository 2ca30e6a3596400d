package dev.kehu.infra.embedded.store;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Iterator;
import java.util.List;
import java.util.Map.Entry;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The {@code _id} index without a map of its own: the collection's data map is already ordered by {@code _id}, so a
 * lookup is one search of that map, and a write touches one map instead of two. Why not the stock index: it kept a
 * second copy of every {@code _id} (Java-serialized, compared by serializing) and doubled the pages each commit
 * wrote. Positions are the {@code _id} values as stored (a query's {@code 5} finds the stored {@code 5L}).
 */
final class PrimaryKeyIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<Object, byte[]> data;

    PrimaryKeyIndex(MVMap<Object, byte[]> data, String name, List<IndexKey> keys) {
        super(name, keys, false);
        this.data = data;
    }

    /** The stored key equal to {@code value}, or null. */
    private Object storedKey(Object value) {
        Object wanted = Missing.ofNullable(value); // a null _id is stored as Missing; map keys are never null
        Object key = data.ceilingKey(wanted);
        return key != null && KeyCodec.compare(key, wanted) == 0 ? key : null;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return storedKey(key.get(0)); // the collection removes the document itself
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return true; // the document is the entry
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        // checked before the document was added (checkAdd); the data map is the index
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return () -> {
            Iterator<Object> keys = data.keyIterator(null);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return keys.hasNext();
                }

                @Override
                public Entry<KeyValue, Object> next() {
                    Object key = keys.next();
                    return new SimpleImmutableEntry<>(new KeyValue(key), key);
                }
            };
        };
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return storedKey(key.get(0));
    }

    @Override
    public long getCount() {
        return data.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return data.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
