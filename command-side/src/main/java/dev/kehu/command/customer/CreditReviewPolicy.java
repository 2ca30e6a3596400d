package dev.kehu.command.customer;

import dev.kehu.events.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * When a credit limit needs a recent credit investigation (资信审核 before 授信): raising it above {@code amount}
 * (for limits in {@code currency}), or above the current limit by more than {@code share} of it (0.5 = by more
 * than half), needs an investigation dated no more than {@code months} months before the day of the change.
 * Lowering a limit, or keeping it, never does. The share rule applies only against a current limit in the same
 * currency that is above zero. Injected into the Customer's command handlers as a resource (configured by
 * {@code kehu.customer.credit-review.*}).
 */
public record CreditReviewPolicy(BigDecimal amount, String currency, BigDecimal share, int months) {

    /** Above 5 000 000 CNY, or more than double the current limit, needs an investigation of the last 12 months. */
    public static final CreditReviewPolicy DEFAULT = new CreditReviewPolicy(new BigDecimal("5000000"), "CNY",
            BigDecimal.ONE, 12);

    public CreditReviewPolicy {
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0 || share.signum() < 0 || months < 0) {
            throw new IllegalArgumentException("credit review amount, share and months must not be negative");
        }
    }

    /** Which threshold the change crosses: {@link Trigger#AMOUNT}, {@link Trigger#SHARE}, or null when none. */
    public Trigger crossedBy(Money current, Money requested) {
        boolean sameCurrency = current != null && current.currency().equals(requested.currency());
        if (sameCurrency && requested.amount().compareTo(current.amount()) <= 0) {
            return null;
        }
        if (requested.currency().equals(currency) && requested.amount().compareTo(amount) > 0) {
            return Trigger.AMOUNT;
        }
        if (sameCurrency && current.amount().signum() > 0
                && requested.amount().compareTo(current.amount().multiply(BigDecimal.ONE.add(share))) > 0) {
            return Trigger.SHARE;
        }
        return null;
    }

    /** The threshold a raise crossed. */
    public enum Trigger {
        /** above the configured amount */
        AMOUNT,
        /** above the current limit by more than the configured share */
        SHARE
    }
}
