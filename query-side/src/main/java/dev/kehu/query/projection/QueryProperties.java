package dev.kehu.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kehu.query.*}: conventions shared by every query endpoint.
 *
 * @param zone              time zone of "today" and of report periods
 * @param reportingCurrency currency of report totals and rankings; amounts in other currencies are left out
 * @param minPositionWait   longest wait of a query with {@code minPosition} for its view; then it answers, marked stale
 */
@ConfigurationProperties("kehu.query")
public record QueryProperties(@DefaultValue("Asia/Shanghai") String zone,
                              @DefaultValue("CNY") String reportingCurrency,
                              @DefaultValue("5s") Duration minPositionWait) {
}
