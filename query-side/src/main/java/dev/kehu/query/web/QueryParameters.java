package dev.kehu.query.web;

import dev.kehu.events.BusinessDates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * Parsing and validating query parameters into 400 problems that name the parameter. Dates must lie
 * within {@link BusinessDates} (1900-01-01 … 2199-12-31), as in command bodies; text parameters are
 * at most {@link #MAX_TEXT} characters.
 */
public final class QueryParameters {

    /** Longest free-text or filter value a query accepts. */
    public static final int MAX_TEXT = 200;

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
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidQueryParameter(parameter, "must be a date like 2026-03-31, got '" + value + "'");
        }
        return inRange(parameter, date);
    }

    /** {@code date} itself when it lies within {@link BusinessDates}, else a 400 naming the parameter. */
    public static LocalDate inRange(String parameter, LocalDate date) {
        BusinessDates.dateProblem(date).ifPresent(reason -> {
            throw new InvalidQueryParameter(parameter, reason);
        });
        return date;
    }

    /** Text of at most {@link #MAX_TEXT} characters (null stays null). */
    public static String text(String parameter, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new InvalidQueryParameter(parameter, "must be at most " + MAX_TEXT + " characters, got " + value.length());
        }
        return value;
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

    /**
     * The report period of {@code from} and {@code to} (inclusive dates; by default the 365 days up to
     * {@code today}), with its bounds as instants in the business time {@code zone}: {@code start}
     * inclusive, {@code end} exclusive (the start of the day after {@code to}).
     */
    public static ReportPeriod reportPeriod(String from, String to, LocalDate today, ZoneId zone) {
        LocalDate end = date("to", to, today);
        LocalDate start = date("from", from, end.minusDays(364));
        period(start, end);
        return new ReportPeriod(start, end, start.atStartOfDay(zone).toInstant(),
                end.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** A report period: inclusive dates and the instants that bound it. */
    public record ReportPeriod(LocalDate from, LocalDate to, Instant start, Instant end) {

        /** True when {@code at} lies in the period: at or after its start, before its end; false for null. */
        public boolean contains(Date at) {
            return at != null && !at.toInstant().isBefore(start) && at.toInstant().isBefore(end);
        }
    }
}
