package dev.kehu.query.figures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer's payment record (回款记录), one meaning for every view: over its invoices paid in full, the average
 * days from invoice date to the payment that settled it (to one decimal), and the share of them settled after their
 * due date (to four places; an invoice without a due date is never late). Views store the three counts
 * ({@code paidInvoices, totalDaysToPay, paidLate}) and answer {@link #figures}. An invoice without an invoice or
 * payment date counts as paid but adds no days.
 *
 * @param paidInvoices   invoices paid in full
 * @param totalDaysToPay the sum of their days to pay
 * @param paidLate       how many were paid after their due date
 */
public record PaymentRecord(long paidInvoices, long totalDaysToPay, long paidLate) {

    public static final PaymentRecord NONE = new PaymentRecord(0, 0, 0);

    /** This record with one more invoice paid in full on {@code paidOn}. */
    public PaymentRecord paid(LocalDate invoicedOn, LocalDate dueOn, LocalDate paidOn) {
        long days = invoicedOn == null || paidOn == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(invoicedOn, paidOn));
        boolean late = dueOn != null && paidOn != null && paidOn.isAfter(dueOn);
        return new PaymentRecord(paidInvoices + 1, totalDaysToPay + days, paidLate + (late ? 1 : 0));
    }

    /** {@code paidInvoices, averageDaysToPay, paidLate, lateShare}; the last two figures null before any payment. */
    public Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("paidInvoices", paidInvoices);
        figures.put("averageDaysToPay", paidInvoices == 0 ? null
                : BigDecimal.valueOf(totalDaysToPay).divide(BigDecimal.valueOf(paidInvoices), 1, RoundingMode.HALF_UP));
        figures.put("paidLate", paidLate);
        figures.put("lateShare", paidInvoices == 0 ? null
                : BigDecimal.valueOf(paidLate).divide(BigDecimal.valueOf(paidInvoices), 4, RoundingMode.HALF_UP));
        return figures;
    }
}
