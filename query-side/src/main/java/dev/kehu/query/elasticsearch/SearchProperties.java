package dev.kehu.query.elasticsearch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of the application searches and reports may take, {@code kehu.search.*}.
 *
 * @param maxConcurrent  {@code max-concurrent}, default 8: searches and reports running against
 *                       Elasticsearch at once; more wait at most {@code queue-wait}, then answer 503
 * @param queueWait      {@code queue-wait}, default {@code 100ms}: longest wait for a free slot
 * @param circuitOpenFor {@code circuit-open-for}, default {@code 5s}: once at least half of the last
 *                       searches (5 or more) failed, searches answer 503 at once for this long, then a
 *                       few are let through to see whether Elasticsearch is back
 */
@ConfigurationProperties("kehu.search")
public record SearchProperties(@DefaultValue("8") int maxConcurrent,
                               @DefaultValue("100ms") Duration queueWait,
                               @DefaultValue("5s") Duration circuitOpenFor) {

    public static final SearchProperties DEFAULTS = new SearchProperties(8, Duration.ofMillis(100), Duration.ofSeconds(5));

    public SearchProperties {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("kehu.search.max-concurrent must be at least 1, not " + maxConcurrent);
        }
        if (queueWait.isNegative() || circuitOpenFor.isNegative() || circuitOpenFor.isZero()) {
            throw new IllegalArgumentException("kehu.search.queue-wait must not be negative and kehu.search.circuit-open-for must be positive");
        }
    }
}
