package dev.kehu.query.figures;

import dev.kehu.query.projection.Docs;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The rolling twelve months of "twelve-month spend": the days from today minus twelve months plus one day up to
 * today, both included (the window the tier rule uses, {@code OrderHistory.evaluateTier} on the command side). Only
 * orders in the reporting currency count, and an order dated after today does not count yet.
 * <p>
 * Views keep a customer's spend by order day ({@code yyyy-MM-dd} → amount) and sum the window at query time, so the
 * figure is right on any day without an event.
 */
public final class SpendWindow {

    private SpendWindow() {
    }

    /** The first day of the window ending {@code today}. */
    public static LocalDate start(LocalDate today) {
        return today.minusMonths(12).plusDays(1);
    }

    /** Whether an order dated {@code day} counts in the window ending {@code today}; an order without a date never does. */
    public static boolean contains(LocalDate today, LocalDate day) {
        return day != null && !day.isBefore(start(today)) && !day.isAfter(today);
    }

    /** Same as {@link #contains(LocalDate, LocalDate)} for a view date ({@code yyyy-MM-dd}). */
    public static boolean contains(LocalDate today, String day) {
        return day != null && day.compareTo(start(today).toString()) >= 0 && day.compareTo(today.toString()) <= 0;
    }

    /** The spend of the window from a spend-by-day document ({@code yyyy-MM-dd} → amount); zero when absent. */
    public static BigDecimal sum(Object spendByDay, LocalDate today) {
        BigDecimal sum = BigDecimal.ZERO;
        if (spendByDay instanceof Document days) {
            for (Map.Entry<String, Object> day : days.entrySet()) {
                if (contains(today, day.getKey())) {
                    sum = sum.add(Docs.amount(day.getValue()));
                }
            }
        }
        return sum;
    }

    /** Adds an order's amount to its day in a spend-by-day document (an order without a date or amount adds nothing). */
    public static void add(Document spendByDay, String day, BigDecimal amount) {
        if (day == null || amount == null) {
            return;
        }
        BigDecimal before = spendByDay.containsKey(day) ? Docs.amount(spendByDay.get(day)) : BigDecimal.ZERO;
        spendByDay.put(day, Docs.decimal(before.add(amount)));
    }
}
