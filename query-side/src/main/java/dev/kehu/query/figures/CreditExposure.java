package dev.kehu.query.figures;

import org.bson.Document;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer's credit figures, defined as the win rule defines them (the command side's {@code CreditAccount}), so a
 * view never contradicts what the rule would decide:
 * <ul>
 *   <li>every figure is in the <em>credit currency</em>: the limit's currency, {@value #DEFAULT_CREDIT_CURRENCY} while
 *       no limit is set; amounts in other currencies are left out (the rule refuses them);</li>
 *   <li>{@code exposure} = unpaid invoices (outstanding, overdue ones included) + reserved credit of won deals;</li>
 *   <li>a customer without a limit has a limit of zero for the rule: {@code limitSet} is false, {@code available} is
 *       0 − exposure, and any exposure puts it over its limit (it cannot win a deal until a limit is set);</li>
 *   <li>{@code overLimit} = exposure &gt; limit, exactly the rule's test: open deals are not in it;
 *       {@code canReserveCredit}: no hold and available &gt; 0, i.e. a deal can be won now;</li>
 *   <li>open deals are shown beside it ({@code openDeals}, credit currency only;
 *       {@code openDealsInOtherCurrencies} counts the rest) with {@code exposureIfOpenDealsWon};</li>
 *   <li>{@code overdueInvoices} = outstanding of the invoices {@link Overdue} on the day asked.</li>
 * </ul>
 * Views feed it the amounts their documents hold and ask for the figures at query time.
 */
public final class CreditExposure {

    /** The credit currency while no limit is set (the command side's {@code Customer.DEFAULT_CREDIT_CURRENCY}). */
    public static final String DEFAULT_CREDIT_CURRENCY = "CNY";

    private final BigDecimal limit;
    private final String currency;
    private BigDecimal reserved = BigDecimal.ZERO;
    private BigDecimal unpaid = BigDecimal.ZERO;
    private BigDecimal overdue = BigDecimal.ZERO;
    private BigDecimal openDeals = BigDecimal.ZERO;
    private int openDealsInOtherCurrencies;
    private boolean hold;

    /** Figures against a limit of {@code limitAmount} in {@code limitCurrency}; both null when no limit is set. */
    public CreditExposure(BigDecimal limitAmount, String limitCurrency) {
        this.limit = limitCurrency == null ? null : limitAmount == null ? BigDecimal.ZERO : limitAmount;
        this.currency = limitCurrency == null ? DEFAULT_CREDIT_CURRENCY : limitCurrency;
    }

    public String currency() {
        return currency;
    }

    /** A credit hold: the rule reserves nothing while it is placed. */
    public CreditExposure hold(boolean placed) {
        this.hold = placed;
        return this;
    }

    public CreditExposure reservation(BigDecimal amount, String amountCurrency) {
        if (currency.equals(amountCurrency) && amount != null) {
            reserved = reserved.add(amount);
        }
        return this;
    }

    public CreditExposure invoice(BigDecimal outstanding, String amountCurrency, LocalDate dueOn, LocalDate reportedOverdueSince,
                                  LocalDate today) {
        if (currency.equals(amountCurrency) && outstanding != null && outstanding.signum() > 0) {
            unpaid = unpaid.add(outstanding);
            if (Overdue.isOverdue(outstanding, dueOn, reportedOverdueSince, today)) {
                overdue = overdue.add(outstanding);
            }
        }
        return this;
    }

    public CreditExposure openDeal(BigDecimal amount, String amountCurrency) {
        if (!currency.equals(amountCurrency)) {
            openDealsInOtherCurrencies++;
        } else if (amount != null) {
            openDeals = openDeals.add(amount);
        }
        return this;
    }

    public BigDecimal exposure() {
        return reserved.add(unpaid);
    }

    /** The limit the rule checks against: zero while none is set. */
    public BigDecimal ruleLimit() {
        return limit == null ? BigDecimal.ZERO : limit;
    }

    public boolean overLimit() {
        return exposure().compareTo(ruleLimit()) > 0;
    }

    /** Whether the customer has any credit figure worth showing: a limit, some exposure or open deals. */
    public boolean hasCredit() {
        return limit != null || exposure().signum() != 0 || openDeals.signum() != 0 || openDealsInOtherCurrencies > 0;
    }

    /**
     * Whether the rule would reserve credit for a won deal of some positive amount now: no hold and credit available.
     * False for a customer without a limit: it cannot win a deal until a credit review sets one.
     */
    public boolean canReserveCredit() {
        return !hold && ruleLimit().subtract(exposure()).signum() > 0;
    }

    /** Exposure ÷ limit to four places; null without a positive limit. */
    public BigDecimal utilisation() {
        return limit == null || limit.signum() <= 0 ? null : exposure().divide(limit, 4, RoundingMode.HALF_UP);
    }

    /** The figures as the views publish them. */
    public Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("currency", currency);
        figures.put("limitSet", limit != null);
        figures.put("creditLimit", ruleLimit());
        figures.put("reserved", reserved);
        figures.put("unpaidInvoices", unpaid);
        figures.put("overdueInvoices", overdue);
        figures.put("exposure", exposure());
        figures.put("available", ruleLimit().subtract(exposure()));
        figures.put("utilisation", utilisation());
        figures.put("overLimit", overLimit());
        figures.put("canReserveCredit", canReserveCredit());
        figures.put("openDeals", openDeals);
        figures.put("openDealsInOtherCurrencies", openDealsInOtherCurrencies);
        figures.put("exposureIfOpenDealsWon", exposure().add(openDeals));
        return figures;
    }

    /** The figures as a document (amounts stay BigDecimal: they are answered, not stored). */
    public Document document() {
        return new Document(figures());
    }

    /**
     * What an invoice naming a won deal leaves of the deal's reservation: the reservation less the invoice amount, or
     * nothing (null) once the invoices cover it. An invoice in another currency, or without an amount, covers
     * nothing of it. The win rule applies the same arithmetic.
     */
    public static BigDecimal reservationLeft(BigDecimal reserved, String reservedCurrency, BigDecimal invoiced, String invoicedCurrency) {
        if (reserved == null) {
            return null;
        }
        if (invoiced == null || reservedCurrency != null && !reservedCurrency.equals(invoicedCurrency)) {
            return reserved;
        }
        BigDecimal left = reserved.subtract(invoiced);
        return left.signum() > 0 ? left : null;
    }
}
