package dev.kehu.query.figures;

import dev.kehu.query.projection.Docs;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A deal's amount and weighted amount as every view and the reporting index count them (docs/search.md, "Figures,
 * exactly"): the amount rounded half-up to cents, the weighted amount = that rounded amount × probability ÷ 100,
 * rounded half-up to cents. An amount whose cents do not fit a long has neither (counted, not summed).
 */
public final class WeightedAmount {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private WeightedAmount() {
    }

    /** The amount rounded half-up to cents, or null when absent or its cents do not fit a long. */
    public static BigDecimal rounded(BigDecimal amount) {
        Long cents = Docs.cents(amount);
        return cents == null ? null : BigDecimal.valueOf(cents, 2);
    }

    /** The weighted amount of {@code amount} at {@code probability} percent, or null as for {@link #rounded}. */
    public static BigDecimal weighted(BigDecimal amount, int probability) {
        BigDecimal rounded = rounded(amount);
        return rounded == null ? null : rounded.multiply(BigDecimal.valueOf(probability)).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }
}
