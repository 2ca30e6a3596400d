package dev.kehu.events;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * An amount in one currency, as events carry it. Amounts keep the scale they were given;
 * compare with {@link #isSameAmountAs(Money)} rather than {@code equals} when scale may differ.
 *
 * <p>Limits of an amount that may enter an event ({@link #amountProblem(BigDecimal)}): its absolute
 * value is below 10^15 ({@link #MAX_INTEGER_DIGITS} integer digits) and it has at most
 * {@link #MAX_SCALE} decimal places. Why these: every view must hold every amount. MongoDB views
 * store amounts as Decimal128 (34 significant digits, exponent −6176…6111): 15 + 2 digits fit with
 * room for sums of billions of them. The opportunity reporting index stores {@code amountMinor}
 * (amount × 100) as an Elasticsearch {@code long}: below 10^17, far from 9.2 × 10^18. Cents are the
 * finest unit the reports and the pipeline view compute in, so a third decimal would be rounded
 * away. Not checked in the constructor: events already stored must stay readable whatever they
 * hold; the API refuses new amounts outside the limits.
 */
public record Money(BigDecimal amount, String currency) {

    /** Integer digits an amount may have: |amount| &lt; 10^15. */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** Decimal places an amount may have. */
    public static final int MAX_SCALE = 2;
    /** The smallest absolute amount that is too large: 10^15. */
    public static final BigDecimal AMOUNT_BOUND = BigDecimal.ONE.scaleByPowerOfTen(MAX_INTEGER_DIGITS);

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    /**
     * Why {@code amount} cannot be carried by an event, or empty when it can. Works on any
     * BigDecimal, also 1E+2147483647 (compares, never expands it).
     */
    public static Optional<String> amountProblem(BigDecimal amount) {
        if (amount == null) {
            return Optional.empty();
        }
        if (amount.abs().compareTo(AMOUNT_BOUND) >= 0) {
            return Optional.of("must be less than 10^" + MAX_INTEGER_DIGITS + " in absolute value");
        }
        if (amount.scale() > MAX_SCALE) { // 1.000 too: trailing zeros are kept, and stored, as given
            return Optional.of("must have at most " + MAX_SCALE + " decimal places");
        }
        return Optional.empty();
    }

    public boolean isSameAmountAs(Money other) {
        return currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
    }
}
