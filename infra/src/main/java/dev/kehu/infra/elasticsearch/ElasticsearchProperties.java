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
 * @param embedded the embedded node, {@code kehu.elasticsearch.embedded.*}
 */
@ConfigurationProperties("kehu.elasticsearch")
public record ElasticsearchProperties(@DefaultValue("") String url, @DefaultValue Embedded embedded) {

    /**
     * @param httpPort      {@code http-port}, default 0: a free port
     * @param transportPort {@code transport-port}, default 0: a free port
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
