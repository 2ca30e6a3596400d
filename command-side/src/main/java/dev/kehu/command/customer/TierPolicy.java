package dev.kehu.command.customer;

import dev.kehu.events.Money;
import dev.kehu.events.customer.order.ValueTier;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Value-tier thresholds on rolling twelve-month spend, in one currency: spend ≥ diamond → DIAMOND,
 * ≥ gold → GOLD, ≥ silver → SILVER, else NONE. Only orders in {@link #currency()} count. Injected into
 * the Customer's command handlers as a resource (configured by {@code kehu.customer.tier.*}).
 */
public record TierPolicy(String currency, BigDecimal silver, BigDecimal gold, BigDecimal diamond) {

    /** 50 000, 200 000 and 1 000 000 CNY. */
    public static final TierPolicy DEFAULT = new TierPolicy("CNY",
            new BigDecimal("50000"), new BigDecimal("200000"), new BigDecimal("1000000"));

    public TierPolicy {
        Objects.requireNonNull(currency, "currency");
        if (silver.signum() <= 0 || gold.compareTo(silver) <= 0 || diamond.compareTo(gold) <= 0) {
            throw new IllegalArgumentException("tier thresholds must be positive and ascending: silver < gold < diamond");
        }
    }

    public ValueTier tierFor(BigDecimal spend) {
        if (spend.compareTo(diamond) >= 0) {
            return ValueTier.DIAMOND;
        }
        if (spend.compareTo(gold) >= 0) {
            return ValueTier.GOLD;
        }
        return spend.compareTo(silver) >= 0 ? ValueTier.SILVER : ValueTier.NONE;
    }

    /** The spend that reaches the tier, or null for NONE. */
    public Money threshold(ValueTier tier) {
        return switch (tier) {
            case NONE -> null;
            case SILVER -> new Money(silver, currency);
            case GOLD -> new Money(gold, currency);
            case DIAMOND -> new Money(diamond, currency);
        };
    }
}
