package dev.kehu.query.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** Parsing and validating query parameters into 400 problems that name the parameter. */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static <E extends Enum<E>> String enumValue(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase()).name();
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryParameter(parameter, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", got '" + value + "'");
        }
    }

    public static String oneOf(String parameter, String value, List<String> allowed, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw new InvalidQueryParameter(parameter, "must be one of " + allowed + ", got '" + value + "'");
        }
        return value;
    }

    public static LocalDate date(String parameter, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidQueryParameter(parameter, "must be a date like 2026-03-31, got '" + value + "'");
        }
    }

    public static int positive(String parameter, Integer value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            throw new InvalidQueryParameter(parameter, "must be between 1 and " + max + ", got " + value);
        }
        return value;
    }

    public static void period(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new InvalidQueryParameter("from", "must not be after 'to' (" + from + " > " + to + ")");
        }
    }
}
