package dev.kehu.query.web;

import dev.kehu.query.projection.ProjectionPositions.Freshness;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sorting and cursor paging of view rows in memory, for list views whose sort keys are computed
 * at query time (twelve-month spend, days since contact). Rows are ordered by (key, id); nulls sort
 * first ascending. Keys are strings, numbers or booleans.
 */
public final class CursorPaging {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private CursorPaging() {
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new InvalidQueryParameter("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    public static <T extends Map<String, Object>> Slice<T> page(List<T> rows, Function<T, Object> key, boolean descending,
                                                               String cursorParameter, int limit) {
        Cursor after = Cursor.decode("cursor", cursorParameter);
        Comparator<T> order = Comparator.comparing(row -> comparable(key.apply(row)), CursorPaging::compareKeys);
        if (descending) {
            order = order.reversed();
        }
        order = order.thenComparing(row -> String.valueOf(row.get("_id")));
        List<T> sorted = new ArrayList<>(rows);
        sorted.sort(order);
        int start = 0;
        if (after != null) {
            Object afterKey = comparable(after.key());
            start = sorted.size();
            for (int i = 0; i < sorted.size(); i++) {
                T row = sorted.get(i);
                int byKey = compareKeys(comparable(key.apply(row)), afterKey);
                if (descending) {
                    byKey = -byKey;
                }
                int cmp = byKey != 0 ? byKey : String.valueOf(row.get("_id")).compareTo(after.id());
                if (cmp > 0) {
                    start = i;
                    break;
                }
            }
        }
        int end = Math.min(sorted.size(), start + limit);
        List<T> items = sorted.subList(start, end);
        String next = null;
        if (end < sorted.size() && !items.isEmpty()) {
            T last = items.get(items.size() - 1);
            next = new Cursor(key.apply(last), String.valueOf(last.get("_id"))).encode();
        }
        return new Slice<>(List.copyOf(items), next);
    }

    private static Object comparable(Object key) {
        if (key instanceof Number number && !(key instanceof BigDecimal)) {
            return new BigDecimal(number.toString());
        }
        if (key instanceof org.bson.types.Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        return key;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a.getClass() != b.getClass()) {
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        return ((Comparable) a).compareTo(b);
    }

    public record Slice<T>(List<T> items, String nextCursor) {

        /** The slice as a {@link Page}: its items as {@code publish} shows them, its cursor, the view's freshness. */
        public <R> Page<R> page(Function<T, R> publish, Freshness fresh) {
            return new Page<>(items.stream().map(publish).toList(), nextCursor, fresh.position(), fresh.stale());
        }

        /** Puts the slice into {@code body} after what it holds: {@code items} as {@code publish} shows them, {@code nextCursor}. */
        public Map<String, Object> into(Map<String, Object> body, Function<T, ?> publish) {
            body.put("items", items.stream().map(publish).toList());
            body.put("nextCursor", nextCursor);
            return body;
        }
    }
}
