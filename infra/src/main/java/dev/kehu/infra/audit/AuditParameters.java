package dev.kehu.infra.audit;

import dev.kehu.query.web.InvalidQueryParameter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parses the query parameters of the audit endpoints; a malformed one is an {@link InvalidQueryParameter}. */
public final class AuditParameters {

    private AuditParameters() {
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidQueryParameter(name, "must be an ISO-8601 instant such as 2026-01-31T08:00:00Z, got '"
                    + value + "'");
        }
    }

    public static long nonNegative(String name, String value, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryParameter(name, "must be a whole number of at least 0, got '" + value + "'");
    }

    public static long positive(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidQueryParameter(name, "is required");
        }
        long parsed = nonNegative(name, value, 0);
        if (parsed < 1) {
            throw new InvalidQueryParameter(name, "must be a position of at least 1, got '" + value + "'");
        }
        return parsed;
    }

    static int limit(String value, int defaultLimit, int max) {
        long limit = nonNegative("limit", value, defaultLimit);
        if (limit < 1 || limit > max) {
            throw new InvalidQueryParameter("limit", "must be between 1 and " + max + ", got '" + value + "'");
        }
        return (int) limit;
    }

    public static byte[] sha256(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidQueryParameter(name, "is required");
        }
        try {
            byte[] bytes = HexFormat.of().parseHex(value.trim());
            if (bytes.length == 32) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new InvalidQueryParameter(name, "must be a SHA-256 hash as 64 hexadecimal digits, got '" + value + "'");
    }

    static HistoryFilter filter(String from, String to, List<String> types, String actor) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidQueryParameter("to", "must not be before 'from'");
        }
        Set<String> typeSet = new LinkedHashSet<>();
        if (types != null) {
            for (String type : types) {
                for (String part : type.split(",")) {
                    if (!part.isBlank()) {
                        typeSet.add(part.trim());
                    }
                }
            }
        }
        return new HistoryFilter(start, end, typeSet, actor == null || actor.isBlank() ? null : actor);
    }
}
