package dev.kehu.query.elasticsearch;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
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

    /**
     * The processor of a projection that writes to Elasticsearch: pooled streaming ({@code processor} sets its
     * segments and batch size), each batch flushed while its last event is handled so that a failed write fails
     * the batch before the token moves ({@link FlushAtEndOfBatch}; the batch is then retried with back-off). An event
     * a handler cannot apply is parked in the group's dead-letter queue (registered for both Elasticsearch groups by
     * the projection operations), a document the index refuses is skipped and recorded by the group's writer.
     */
    public static ConfigurerModule indexingProcessor(String group, Runnable flush,
                                                     EventProcessingConfigurer.PooledStreamingProcessorConfiguration processor) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerHandlerInterceptor(group, configuration -> new FlushAtEndOfBatch(flush))
                .registerPooledStreamingEventProcessor(group, org.axonframework.config.Configuration::eventStore, processor));
    }
}
