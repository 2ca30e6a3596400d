package dev.kehu.query.web;

import java.nio.charset.StandardCharsets;

/**
 * Sort keys as {@code _id} strings, so a page of a list is an {@code _id} range read ({@link KeyPaging}): the one
 * access path the embedded server and MongoDB both serve from an index, walking up. A descending order therefore gets
 * keys of its own that sort the other way round.
 * <p>
 * A value is written as the hex digits of its UTF-8 bytes (MongoDB compares strings by those bytes, so the hex
 * string sorts exactly as the value) followed by {@code .}, which sorts before every hex digit, so a value sorts
 * before every longer value it is a prefix of; a missing value is empty, so it sorts first. Descending, each byte
 * {@code b} is written as {@code 255 - b} and the end mark is {@code ~}, after every digit: the exact reverse. Hand
 * written because it is a few lines and no library encodes an order-reversing key.
 */
public final class SortKeys {

    /** Values longer than this are cut for the key (the order of two such values sharing this prefix is by id). */
    static final int MAX_VALUE_BYTES = 256;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SortKeys() {
    }

    /**
     * The key of {@code value} in one direction, then the document id (the tie-break, ascending in both directions,
     * as {@link CursorPaging} orders ties), prefixed by {@code order} and {@code |}.
     */
    public static String key(String order, String value, boolean descending, String id) {
        return order + "|" + part(value, descending) + part(id, false);
    }

    /** The {@code _id} range of one order: from {@code order|} (inclusive) to {@code order}} (exclusive). */
    public static String start(String order) {
        return order + "|";
    }

    public static String end(String order) {
        return order + "}";
    }

    static String part(String value, boolean descending) {
        StringBuilder key = new StringBuilder();
        if (value != null) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            int length = Math.min(bytes.length, MAX_VALUE_BYTES);
            for (int i = 0; i < length; i++) {
                int b = bytes[i] & 0xff;
                if (descending) {
                    b = 255 - b;
                }
                key.append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return key.append(descending ? '~' : '.').toString();
    }
}
