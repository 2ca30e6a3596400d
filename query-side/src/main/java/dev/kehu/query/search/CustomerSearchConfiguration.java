package dev.kehu.query.search;

import dev.kehu.query.elasticsearch.ElasticsearchQueryConfiguration;
import dev.kehu.query.elasticsearch.IndexRebuild;
import java.util.List;
import dev.kehu.query.elasticsearch.SearchClient;
import dev.kehu.query.elasticsearch.SearchGuard;
import dev.kehu.query.elasticsearch.SearchIndexSetup;
import dev.kehu.query.elasticsearch.VersionedIndex;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.axonframework.config.ConfigurerModule;
import dev.kehu.query.projection.SkippedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires customer search: the versioned {@code customers} index (created with its alias at start-up
 * when Elasticsearch answers; otherwise in the background or on the first write, whichever comes first),
 * the projection in processing group {@code customer-search} as a pooled streaming processor (an
 * Elasticsearch or MongoDB failure fails the batch, which is retried with back-off; an event refused
 * for its own content is parked in the group's dead-letter queue, a document refused by the index is skipped and
 * recorded), and the search endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class CustomerSearchConfiguration {

    public static final String ALIAS = "customers";
    public static final int VERSION = 1;
    /**
     * Most events per batch of the customer-search processor (one bulk request per batch): about 500
     * customer documents when catching up; live batches are as small as the traffic.
     */
    public static final int BATCH_SIZE = 3000;
    /** Segments of the customer-search processor (events of one customer always go to the same one). */
    public static final int SEGMENTS = 2;

    @Bean
    public CustomerSearchIndex customerSearchIndex(ElasticsearchClient client, SearchClient searchClient, SearchIndexSetup setup) {
        setup.ensure(new CustomerSearchIndex(searchClient.client()));
        return new CustomerSearchIndex(client);
    }

    @Bean
    public CustomerSearchWriter customerSearchWriter(ElasticsearchClient client, CustomerSearchIndex index, SkippedEvents skipped) {
        return new CustomerSearchWriter(client, index, skipped);
    }

    @Bean
    public CustomerSearchProjection customerSearchProjection(CustomerSearchWriter writer) {
        return new CustomerSearchProjection(writer);
    }

    /** The rebuild of the index ({@code POST /api/projections/customer-search/rebuild}): a projection writing the new index. */
    @Bean
    public IndexRebuild customerSearchRebuild(ElasticsearchClient client, CustomerSearchIndex index, SkippedEvents skipped) {
        return new IndexRebuild(CustomerSearchProjection.PROCESSING_GROUP, client, index,
                target -> List.of(new CustomerSearchProjection(target.holding(new CustomerSearchWriter(client, target.index(), skipped)))));
    }

    @Bean
    public CustomerSearch customerSearch(SearchClient searchClient, SearchGuard guard) {
        return new CustomerSearch(searchClient.client(), ALIAS, guard);
    }

    @Bean
    public CustomerSuggest customerSuggest(SearchClient searchClient, SearchGuard guard) {
        return new CustomerSuggest(searchClient.client(), ALIAS, guard);
    }

    @Bean
    public ConfigurerModule customerSearchProcessor(CustomerSearchWriter writer) {
        return ElasticsearchQueryConfiguration.indexingProcessor(CustomerSearchProjection.PROCESSING_GROUP, writer::flush,
                (configuration, builder) -> builder.initialSegmentCount(SEGMENTS).batchSize(BATCH_SIZE));
    }

    /** The customers index: alias {@code customers}, version 1 = {@code customers_v1}. */
    public static class CustomerSearchIndex extends VersionedIndex {
        public CustomerSearchIndex(ElasticsearchClient client) {
            super(client, ALIAS, VERSION);
        }
    }
}
