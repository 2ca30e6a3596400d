package dev.kehu.command.customer;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kehu.customer.*}: the value tiers, the credit review and the customer's calendar.
 *
 * @param tier value-tier thresholds and their daily re-evaluation
 * @param zone time zone of the customer's calendar: it decides "today" for as-of dates (tier windows,
 *             the age of credit investigations) and when the daily tier re-evaluation runs
 * @param creditReview when raising a credit limit needs a recent credit investigation
 */
@ConfigurationProperties("kehu.customer")
public record CustomerProperties(@DefaultValue Tier tier, @DefaultValue(DEFAULT_ZONE) String zone,
                                 @DefaultValue CreditReview creditReview) {

    /** Also the default of {@code DailyTierReevaluation}'s {@code @Scheduled} placeholder, which must stay a string. */
    public static final String DEFAULT_ZONE = "Asia/Shanghai";

    /**
     * {@code kehu.customer.tier.*}.
     *
     * @param currency          currency of the tier thresholds; orders in other currencies do not count
     * @param silver            rolling twelve-month spend that reaches 银卡 (silver)
     * @param gold              rolling twelve-month spend that reaches 金卡 (gold)
     * @param diamond           rolling twelve-month spend that reaches 钻石卡 (diamond)
     * @param reevaluationCron  when the daily tier re-evaluation runs (Spring cron, in {@code kehu.customer.zone})
     */
    public record Tier(@DefaultValue("CNY") String currency,
                       @DefaultValue("50000") BigDecimal silver,
                       @DefaultValue("200000") BigDecimal gold,
                       @DefaultValue("1000000") BigDecimal diamond,
                       @DefaultValue(DEFAULT_REEVALUATION_CRON) String reevaluationCron) {

        /** Also the default of {@code DailyTierReevaluation}'s {@code @Scheduled} placeholder. */
        public static final String DEFAULT_REEVALUATION_CRON = "0 30 2 * * *";

        TierPolicy policy() {
            return new TierPolicy(currency, silver, gold, diamond);
        }
    }

    /**
     * {@code kehu.customer.credit-review.*} ({@link CreditReviewPolicy}).
     *
     * @param amount   a limit above this (in {@code currency}) needs an investigation
     * @param currency currency of {@code amount}
     * @param share    a raise of more than this share of the current limit (1 = more than double) needs one
     * @param months   how old, at most, the latest investigation may be
     */
    public record CreditReview(@DefaultValue("5000000") BigDecimal amount,
                               @DefaultValue("CNY") String currency,
                               @DefaultValue("1") BigDecimal share,
                               @DefaultValue("12") int months) {

        CreditReviewPolicy policy() {
            return new CreditReviewPolicy(amount, currency, share, months);
        }
    }
}
