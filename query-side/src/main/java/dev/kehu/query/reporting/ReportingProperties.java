package dev.kehu.query.reporting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kehu.reporting.*}: the opportunity reporting index.
 *
 * @param zone time zone that turns event timestamps into the opportunity close dates of the reporting index
 */
@ConfigurationProperties("kehu.reporting")
public record ReportingProperties(@DefaultValue("Asia/Shanghai") String zone) {
}
