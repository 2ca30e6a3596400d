package dev.kehu.query.search;

import java.io.IOException;
import java.io.UncheckedIOException;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires customer search: the versioned {@code customers} index (created with its alias at start-up
 * when Elasticsearch answers; otherwise on the first write), the projection in processing group
 * {@code customer-search} as a pooled streaming processor whose errors propagate (the batch is
 * retried with back-off instead of being skipped), and the search endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class CustomerSearchConfiguration {

    public static final String ALIAS = "customers";
    public static final int VERSION = 1;
    /** Events per batch of the customer-search processor (one bulk request per batch). */
    public static final int BATCH_SIZE = 500;
    /** Segments of the customer-search processor (events of one customer always go to the same one). */
    public static final int SEGMENTS = 2;

    @Bean
    public CustomerSearchIndex customerSearchIndex(ElasticsearchClient client) {
        CustomerSearchIndex index = new CustomerSearchIndex(client);
        try {
            index.ensureExists();
        } catch (IOException | RuntimeException e) {
            // Elasticsearch down at start-up: the projection retries; ensureExists runs again before it writes.
        }
        return index;
    }

    @Bean
    public CustomerSearchWriter customerSearchWriter(ElasticsearchClient client, CustomerSearchIndex index) {
        return new EnsuringWriter(client, index);
    }

    @Bean
    public CustomerSearchProjection customerSearchProjection(CustomerSearchWriter writer) {
        return new CustomerSearchProjection(writer);
    }

    @Bean
    public CustomerSearch customerSearch(ElasticsearchClient client) {
        return new CustomerSearch(client, ALIAS);
    }

    @Bean
    public ConfigurerModule customerSearchProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessor(CustomerSearchProjection.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        (configuration, builder) -> builder.initialSegmentCount(SEGMENTS).batchSize(BATCH_SIZE))
                .registerListenerInvocationErrorHandler(CustomerSearchProjection.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }

    /** The customers index: alias {@code customers}, version 1 = {@code customers_v1}. */
    public static class CustomerSearchIndex extends VersionedIndex {
        public CustomerSearchIndex(ElasticsearchClient client) {
            super(client, ALIAS, VERSION);
        }
    }

    /** Makes sure the index exists before the first write after Elasticsearch came back. */
    static final class EnsuringWriter extends CustomerSearchWriter {
        private final VersionedIndex index;
        private volatile boolean ensured;

        EnsuringWriter(ElasticsearchClient client, VersionedIndex index) {
            super(client, index.alias());
            this.index = index;
        }

        @Override
        public int write(java.util.Collection<CustomerSearchDocument> documents, boolean refresh) {
            if (!ensured) {
                try {
                    index.ensureExists();
                    ensured = true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return super.write(documents, refresh);
        }
    }
}
