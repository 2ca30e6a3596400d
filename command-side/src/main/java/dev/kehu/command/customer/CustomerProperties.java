package dev.kehu.command.customer;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kehu.customer.*}: the value tiers and the customer's calendar.
 *
 * @param tier value-tier thresholds and their daily re-evaluation
 * @param zone time zone of the customer's calendar: it decides "today" for as-of dates (tier windows)
 *             and when the daily tier re-evaluation runs
 */
@ConfigurationProperties("kehu.customer")
public record CustomerProperties(@DefaultValue Tier tier, @DefaultValue(DEFAULT_ZONE) String zone) {

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
}
