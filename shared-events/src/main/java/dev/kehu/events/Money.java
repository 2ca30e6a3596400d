package dev.kehu.events;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount in one currency, as events carry it. Amounts keep the scale they were given;
 * compare with {@link #isSameAmountAs(Money)} rather than {@code equals} when scale may differ.
 */
public record Money(BigDecimal amount, String currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    public boolean isSameAmountAs(Money other) {
        return currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
    }
}
