package dev.kehu.infra.embedded.store;

import java.time.Instant;
import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The part of the {@code _id} order a query can match, from its {@code _id} condition ({@code $gt}, {@code $gte},
 * {@code $lt}, {@code $lte} or a plain value), also as a clause of a top-level {@code $and}; any other query gets the
 * whole order. Only a bound: every document in the range is still matched against the whole query, so MongoDB's
 * rules (types compared only with their own kind) stay mongo-java-server's.
 */
record IdRange(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive, boolean whole) {

    static final IdRange ALL = new IdRange(null, true, null, true, false);

    IdRange(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) {
        this(lower, lowerInclusive, upper, upperInclusive, false);
    }

    static IdRange of(Document query, String idField) {
        if (idField == null || query == null) {
            return ALL;
        }
        Object condition = query.get(idField);
        if (condition == null && query.get("$and") instanceof List<?> clauses) {
            return ofClauses(clauses, idField);
        }
        if (isBound(condition)) {
            return new IdRange(condition, true, condition, true);
        }
        if (!(condition instanceof Document operators)) {
            return ALL;
        }
        IdRange range = ALL;
        boolean onlyBounds = query.size() == 1;
        for (String operator : operators.keySet()) {
            Object value = operators.get(operator);
            if (!isBound(value) || !operator.matches("\\$(gt|gte|lt|lte)")) {
                onlyBounds = false;
            }
            if (!isBound(value)) {
                continue;
            }
            switch (operator) {
                case "$gt" -> range = new IdRange(value, false, range.upper, range.upperInclusive);
                case "$gte" -> range = new IdRange(value, true, range.upper, range.upperInclusive);
                case "$lt" -> range = new IdRange(range.lower, range.lowerInclusive, value, false);
                case "$lte" -> range = new IdRange(range.lower, range.lowerInclusive, value, true);
                case "$eq" -> range = new IdRange(value, true, value, true);
                default -> {
                    // not a bound; the matcher applies it
                }
            }
        }
        boolean sameKind = range.lower == null || range.upper == null
                || kind(range.lower) == kind(range.upper);
        return onlyBounds && sameKind && (range.lower != null || range.upper != null)
                ? new IdRange(range.lower, range.lowerInclusive, range.upper, range.upperInclusive, true) : range;
    }

    /**
     * The range of the first clause of a top-level {@code $and} that bounds {@code _id}. The Java driver sends
     * {@code Filters.and(eq("_id", x), eq("owner", y))} this way; without this, such a conditional update (claims,
     * idempotency records, leases) read every document of its collection. Never {@link #whole}: the other clauses
     * still apply.
     */
    private static IdRange ofClauses(List<?> clauses, String idField) {
        for (Object clause : clauses) {
            if (clause instanceof Document part && part.containsKey(idField)) {
                IdRange range = of(part, idField);
                if (range != ALL) {
                    return new IdRange(range.lower, range.lowerInclusive, range.upper, range.upperInclusive);
                }
            }
        }
        return ALL;
    }

    /**
     * Whether this range alone decides if a document with this key matches the query: the query is nothing but
     * these bounds on {@code _id}, and the key is of the bounds' kind (numbers, strings, …), so MongoDB's rule that a
     * bound only matches values of its own kind is kept. Then the scan need not run the query matcher.
     */
    boolean decides(Object key) {
        return whole && kind(key) == kind(lower != null ? lower : upper);
    }

    private static int kind(Object value) {
        if (value instanceof Number) {
            return 1;
        }
        if (value instanceof String) {
            return 2;
        }
        if (value instanceof ObjectId) {
            return 3;
        }
        if (value instanceof Instant) {
            return 4;
        }
        return 0;
    }

    /** Values whose place in the order is clear (no arrays, documents, regular expressions or nulls). */
    private static boolean isBound(Object value) {
        return value instanceof Number || value instanceof String || value instanceof ObjectId
                || value instanceof Instant;
    }

    /** Whether {@code key} is at or after the lower bound. */
    boolean above(Object key) {
        if (lower == null) {
            return true;
        }
        int order = KeyCodec.compare(key, lower);
        return order > 0 || order == 0 && lowerInclusive;
    }

    /** Whether {@code key} and every key after it are past the upper bound. */
    boolean beyond(Object key) {
        if (upper == null) {
            return false;
        }
        int order = KeyCodec.compare(key, upper);
        return order > 0 || order == 0 && !upperInclusive;
    }
}
