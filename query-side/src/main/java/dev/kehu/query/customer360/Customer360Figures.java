package dev.kehu.query.customer360;

import dev.kehu.query.figures.CreditExposure;
import dev.kehu.query.figures.SpendWindow;
import dev.kehu.query.projection.Docs;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures of the 360 view that depend on the day asked, computed when it is read from what the view stores
 * (docs/read-side.md, "Figures, one definition each"): the rolling twelve-month spend ({@link SpendWindow}, over
 * {@code spendByDay}) and the credit exposure ({@link CreditExposure}, over the limit, reservations, invoices and open
 * deals). Stored values never go stale this way: nothing needs an event, or a daily roll, to stay right.
 */
final class Customer360Figures {

    private Customer360Figures() {
    }

    /** The view document answered: the stored one with the figures of {@code today} and without the day-by-day spend. */
    static Document answered(Document stored, LocalDate today, String reportingCurrency) {
        Document doc = new Document(stored);
        doc.put("twelveMonthSpend", twelveMonthSpend(stored, today, reportingCurrency));
        doc.remove("spendByDay");
        if (stored.get("paymentRecord") instanceof Document record) {
            doc.put("paymentRecord", new dev.kehu.query.figures.PaymentRecord(record.get("paidInvoices", Number.class).longValue(),
                    record.get("totalDaysToPay", Number.class).longValue(), record.get("paidLate", Number.class).longValue()).figures());
        }
        if (stored.get("credit") instanceof Document credit) {
            Document answered = new Document(credit);
            answered.put("exposure", exposure(stored, credit, today).document());
            doc.put("credit", answered);
        }
        return doc;
    }

    /** Spend of the orders in the reporting currency dated in the twelve months up to today; zero without any. */
    static Map<String, Object> twelveMonthSpend(Document stored, LocalDate today, String currency) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Document spend : stored.getList("spendByDay", Document.class, List.of())) {
            Object amount = spend.get("amount");
            if (currency.equals(Docs.currency(amount)) && SpendWindow.contains(today, spend.getString("day"))) {
                sum = sum.add(Docs.amount(amount));
            }
        }
        return Map.of("amount", sum, "currency", currency);
    }

    static CreditExposure exposure(Document stored, Document credit, LocalDate today) {
        Object limit = credit.get("limit");
        CreditExposure exposure = new CreditExposure(limit == null ? null : Docs.amount(limit), Docs.currency(limit))
                .hold(Boolean.TRUE.equals(credit.getBoolean("hold")));
        if (credit.get("reservations") instanceof Document reservations) {
            reservations.values().forEach(r -> exposure.reservation(Docs.amount(r), Docs.currency(r)));
        }
        for (Document invoice : stored.getList("invoices", Document.class, List.of())) {
            Object outstanding = invoice.get("outstanding");
            exposure.invoice(Docs.amount(outstanding), Docs.currency(outstanding), Docs.localDate(invoice.get("dueOn")),
                    Docs.localDate(invoice.get("overdueSince")), today);
        }
        for (Document deal : stored.getList("openOpportunities", Document.class, List.of())) {
            Object amount = deal.get("amount");
            exposure.openDeal(amount == null ? null : Docs.amount(amount), Docs.currency(amount));
        }
        return exposure;
    }
}
