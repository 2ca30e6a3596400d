package dev.kehu.query.risk;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kehu.risk.*}.
 *
 * @param noPurchaseDays default N of the "no purchase for N days" list when the request gives none
 */
@ConfigurationProperties("kehu.risk")
public record RiskProperties(@DefaultValue("90") int noPurchaseDays) {
}
