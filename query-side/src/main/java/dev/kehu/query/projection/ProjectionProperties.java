package dev.kehu.query.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kehu.projections.*}: the read side's tracking processors.
 *
 * @param batchSize events per read-side processor batch
 * @param autoStart whether the read-side processors start with the application (benchmarks start them themselves)
 */
@ConfigurationProperties("kehu.projections")
public record ProjectionProperties(@DefaultValue("250") int batchSize, @DefaultValue("true") boolean autoStart) {
}
