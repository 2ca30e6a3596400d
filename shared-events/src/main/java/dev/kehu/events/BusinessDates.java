package dev.kehu.events;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The dates a business fact may carry: 1900-01-01 … 2199-12-31, inclusive. Why a range at all:
 * MongoDB views store dates as {@code yyyy-MM-dd} strings because those sort as dates, which holds
 * only for four-digit years ({@code +10000-01-01} and {@code -0001-01-01} sort wrongly); the
 * reporting index maps dates as Elasticsearch {@code strict_date} ({@code yyyy-MM-dd}, four digits);
 * and arithmetic such as "due in 30 days" must not overflow {@link LocalDate#MAX}. Why these bounds:
 * they hold every plausible birth, contract, invoice and due date of a living business with a wide
 * margin, and refuse typos such as 0001-01-01 or 20260-01-01. Both sides use it: the command API
 * refuses dates outside it, the query API refuses such query parameters.
 */
public final class BusinessDates {

    public static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2199, 12, 31);

    private BusinessDates() {
    }

    public static boolean contains(LocalDate date) {
        return !date.isBefore(FIRST) && !date.isAfter(LAST);
    }

    /** Why {@code date} cannot be carried by an event, or empty when it can (also for null). */
    public static Optional<String> dateProblem(LocalDate date) {
        return date == null || contains(date) ? Optional.empty()
                : Optional.of("must be between " + FIRST + " and " + LAST + ", got " + date);
    }
}
