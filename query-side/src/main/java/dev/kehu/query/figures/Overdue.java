package dev.kehu.query.figures;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * "Overdue", one meaning for every view: an invoice is overdue when something is still outstanding and the day it is
 * overdue from lies before today. It is overdue from its due date; an invoice recorded without a due date is overdue
 * from the day the ERP reported it overdue ({@code InvoiceOverdue}), and not overdue before such a report. A report
 * for an invoice that has a due date changes its outstanding amount, not the day it is overdue from.
 */
public final class Overdue {

    private Overdue() {
    }

    /** The day the invoice is overdue from, or null when it has neither a due date nor a report. */
    public static LocalDate from(LocalDate dueOn, LocalDate reportedOverdueSince) {
        return dueOn != null ? dueOn : reportedOverdueSince;
    }

    public static boolean isOverdue(BigDecimal outstanding, LocalDate dueOn, LocalDate reportedOverdueSince, LocalDate today) {
        LocalDate from = from(dueOn, reportedOverdueSince);
        return outstanding != null && outstanding.signum() > 0 && from != null && from.isBefore(today);
    }

    /** Days overdue on {@code today}; only meaningful when {@link #isOverdue} holds. */
    public static long days(LocalDate dueOn, LocalDate reportedOverdueSince, LocalDate today) {
        return ChronoUnit.DAYS.between(from(dueOn, reportedOverdueSince), today);
    }
}
