package dev.kehu.infra.elasticsearch;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Elasticsearch connection.
 *
 * @param url      {@code kehu.elasticsearch.url}: e.g. {@code http://localhost:9200}; empty (the default)
 *                 starts the embedded node from the distribution the build unpacked, with its data in
 *                 {@code <kehu.data-dir>/elasticsearch/}
 * @param connectTimeout {@code connect-timeout}, default {@code 1s}: how long a connection (and a free
 *                       connection of the pool) is awaited; on loopback or a LAN a live node answers in
 *                       milliseconds, so a longer wait only means it is gone
 * @param writeTimeout   {@code write-timeout}, default {@code 30s}: longest silence while waiting for an
 *                       answer of the shared client (projection bulk writes, index creation); searches
 *                       and reports use {@code search-timeout}
 * @param searchTimeout  {@code search-timeout}, default {@code 2s}: longest silence while waiting for the
 *                       answer to a search or report (their own client and pool); then the endpoint
 *                       answers 503
 * @param maxConnections {@code max-connections}, default {@code 50}: pooled connections to the cluster
 *                       (searches are bounded further by {@code kehu.search.max-concurrent})
 * @param embedded       the embedded node, {@code kehu.elasticsearch.embedded.*}
 */
@ConfigurationProperties("kehu.elasticsearch")
public record ElasticsearchProperties(@DefaultValue("") String url,
                                      @DefaultValue("1s") Duration connectTimeout,
                                      @DefaultValue("30s") Duration writeTimeout,
                                      @DefaultValue("2s") Duration searchTimeout,
                                      @DefaultValue("50") int maxConnections,
                                      @DefaultValue Embedded embedded) {

    /** The defaults, for clients made outside Spring (tests, benchmarks). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SEARCH_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_CONNECTIONS = 50;

    /**
     * @param httpPort      {@code http-port}, default 0: the last run's port if free, else a free one (kept across restarts)
     * @param transportPort {@code transport-port}, default 0: likewise
     * @param heap          {@code heap}, default {@code 512m}: -Xms and -Xmx of the node
     * @param startTimeout  {@code start-timeout}, default {@code 180s}: how long start-up waits for a yellow cluster
     * @param distribution  {@code distribution}, default none: the unpacked distribution (or a directory
     *                      holding it); without it {@code infra/target/elasticsearch/} is used
     * @param javaHome      {@code java-home}, default none: the JDK running the node; without it, the JDK
     *                      running the application
     */
    public record Embedded(@DefaultValue("0") int httpPort, @DefaultValue("0") int transportPort,
                           @DefaultValue("512m") String heap, @DefaultValue("180s") Duration startTimeout,
                           Path distribution, Path javaHome) {
    }

    public boolean startsEmbeddedNode() {
        return url == null || url.isBlank();
    }
}
