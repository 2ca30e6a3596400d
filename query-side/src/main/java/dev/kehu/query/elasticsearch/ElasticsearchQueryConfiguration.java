package dev.kehu.query.elasticsearch;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What search and reporting share: one {@link SearchGuard} (one Elasticsearch, so one breaker and one
 * set of slots, {@code kehu.search.*}) and one {@link SearchIndexSetup} that creates every index at
 * start-up or, while Elasticsearch does not answer, soon after (start-up never waits). The clients
 * ({@code ElasticsearchClient} for projections, {@link SearchClient} for queries) come from infra.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
public class ElasticsearchQueryConfiguration {

    @Bean(destroyMethod = "close")
    public SearchIndexSetup searchIndexSetup() {
        return new SearchIndexSetup();
    }

    /** Limits every search and report shares ({@code kehu.search.*}). */
    @Bean
    public SearchGuard searchGuard(SearchProperties properties) {
        return new SearchGuard(properties);
    }
}
