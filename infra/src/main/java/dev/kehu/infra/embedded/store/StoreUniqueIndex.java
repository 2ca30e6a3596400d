package dev.kehu.infra.embedded.store;

import java.util.List;
import java.util.Map.Entry;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A unique index other than {@code _id}: key → the document's {@code _id}, in an MVStore map whose keys are compared
 * field by field ({@link IndexKeyType}), never serialized to be compared. Which queries it answers (equality on
 * every field, {@code $in} on a one-field index) is mongo-java-server's {@link AbstractUniqueIndex}, plus a range on
 * the last field of a compound index ({@link UniqueIndexRange}).
 */
final class StoreUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> map;
    private final ChangeLog changes;

    StoreUniqueIndex(MVMap<KeyValue, Object> map, ChangeLog changes, String name, List<IndexKey> keys,
                     boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
        this.changes = changes;
    }

    @Override
    public boolean canHandle(Document query) {
        return UniqueIndexRange.of(query, keys()) != null || super.canHandle(query);
    }

    /** The field a range query on this index ranges over (its last), or null when {@code query} is not one. */
    String rangeField(Document query) {
        return UniqueIndexRange.of(query, keys()) != null ? keys().get(keys().size() - 1) : null;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        UniqueIndexRange range = UniqueIndexRange.of(query, keys());
        return range != null ? range.positions(map) : super.getPositions(query);
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        Object removed = map.remove(key);
        if (removed != null) {
            changes.remove(map, key);
        }
        return removed;
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        Object value = Missing.ofNullable(position);
        if (map.putIfAbsent(key, value) != null) {
            return false;
        }
        changes.put(map, key, value);
        return true;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return map.get(key);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
