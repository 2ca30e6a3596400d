package dev.kehu.query.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kehu.projections.*}: the read side's processors.
 *
 * @param batchSize events per read-side processor batch
 * @param autoStart whether the read-side processors start with the application (benchmarks start them themselves)
 * @param segments  segments of each view group that may be split ({@link ProjectionGroups#SPLITTABLE}); with several
 *                  instances each takes a share of them (1: one instance processes the whole group)
 */
@ConfigurationProperties("kehu.projections")
public record ProjectionProperties(@DefaultValue("250") int batchSize, @DefaultValue("true") boolean autoStart,
                                   @DefaultValue("1") int segments) {

    public ProjectionProperties {
        if (segments < 1 || segments > 64) {
            throw new IllegalArgumentException("kehu.projections.segments must be between 1 and 64, got " + segments);
        }
    }
}
