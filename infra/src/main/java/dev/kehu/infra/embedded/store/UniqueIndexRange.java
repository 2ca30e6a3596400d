package dev.kehu.infra.embedded.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A query a compound unique index answers by walking its keys: equality on every field but the last, a numeric range
 * ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}) on the last, e.g. {@code {aggregateId: "c-1", seq: {$gte: 0,
 * $lt: 64}}}. mongo-java-server's unique index answers equality on every field only, so such a query scanned the
 * collection; here it costs the keys in the range. The documents found are still matched against the whole query by
 * the collection, so the index only has to return a superset in key order.
 */
final class UniqueIndexRange {

    private static final Set<String> BOUNDS = Set.of("$gt", "$gte", "$lt", "$lte");

    private final List<Object> prefix;
    private final Number lower;
    private final boolean lowerInclusive;
    private final Number upper;
    private final boolean upperInclusive;

    private UniqueIndexRange(List<Object> prefix, Number lower, boolean lowerInclusive, Number upper,
                             boolean upperInclusive) {
        this.prefix = prefix;
        this.lower = lower;
        this.lowerInclusive = lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upperInclusive;
    }

    /** The range of {@code query} on an index over {@code fields}, or null when the query is not of that form. */
    static UniqueIndexRange of(Document query, List<String> fields) {
        if (fields.size() < 2 || query.size() != fields.size() || !query.keySet().containsAll(fields)) {
            return null;
        }
        List<Object> prefix = new ArrayList<>(fields.size());
        for (String field : fields.subList(0, fields.size() - 1)) {
            Object value = query.get(field);
            if (!(value instanceof String || value instanceof Number)) {
                return null; // documents, arrays, null: leave them to the general matcher
            }
            prefix.add(value);
        }
        if (!(query.get(fields.get(fields.size() - 1)) instanceof Document bounds) || bounds.isEmpty()) {
            return null;
        }
        Number lower = null;
        Number upper = null;
        boolean lowerInclusive = true;
        boolean upperInclusive = true;
        for (String operator : bounds.keySet()) {
            if (!BOUNDS.contains(operator) || !(bounds.get(operator) instanceof Number bound)) {
                return null;
            }
            if (operator.startsWith("$g")) {
                if (lower != null) {
                    return null;
                }
                lower = bound;
                lowerInclusive = operator.equals("$gte");
            } else {
                if (upper != null) {
                    return null;
                }
                upper = bound;
                upperInclusive = operator.equals("$lte");
            }
        }
        return new UniqueIndexRange(prefix, lower, lowerInclusive, upper, upperInclusive);
    }

    /** The positions ({@code _id}s) of the keys in the range, in key order. */
    List<Object> positions(MVMap<KeyValue, Object> index) {
        List<Object> start = new ArrayList<>(prefix);
        if (lower != null) {
            start.add(lower);
        }
        List<Object> positions = new ArrayList<>();
        Cursor<KeyValue, Object> cursor = index.cursor(new KeyValue(start));
        while (cursor.hasNext()) {
            KeyValue key = cursor.next();
            if (key.size() != prefix.size() + 1 || !samePrefix(key)) {
                break;
            }
            if (!(key.get(prefix.size()) instanceof Number value)) {
                continue; // another type sorts apart; the query's numeric bounds never match it
            }
            if (lower != null && !lowerInclusive && KeyCodec.compare(value, lower) == 0) {
                continue;
            }
            if (upper != null) {
                int order = KeyCodec.compare(value, upper);
                if (order > 0 || order == 0 && !upperInclusive) {
                    break;
                }
            }
            positions.add(cursor.getValue());
        }
        return positions;
    }

    private boolean samePrefix(KeyValue key) {
        for (int i = 0; i < prefix.size(); i++) {
            if (KeyCodec.compare(key.get(i), prefix.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }
}
