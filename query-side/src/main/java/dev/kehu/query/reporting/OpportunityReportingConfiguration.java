package dev.kehu.query.reporting;

import dev.kehu.query.elasticsearch.ElasticsearchQueryConfiguration;
import dev.kehu.query.elasticsearch.IndexRebuild;
import java.util.List;
import java.time.ZoneId;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.mongodb.client.MongoDatabase;
import dev.kehu.query.elasticsearch.SearchClient;
import dev.kehu.query.elasticsearch.SearchGuard;
import dev.kehu.query.elasticsearch.SearchIndexSetup;
import dev.kehu.query.elasticsearch.VersionedIndex;
import org.axonframework.config.ConfigurerModule;
import dev.kehu.query.projection.SkippedEvents;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires opportunity reporting: the {@code opportunities} alias over {@code opportunities_v1}, the
 * projection in processing group {@code opportunity-reporting} (pooled streaming, one segment;
 * infrastructure failures fail the batch, which is retried; an event refused for its own content is parked
 * in the group's dead-letter queue, a document refused by the index is skipped and recorded), and the report endpoint.
 * Property {@code kehu.reporting.zone} ({@link ReportingProperties}) turns event timestamps into dates.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportingProperties.class)
public class OpportunityReportingConfiguration {

    public static final String ALIAS = "opportunities";
    public static final int VERSION = 1;

    @Bean
    public OpportunityReportIndex opportunityReportIndex(ElasticsearchClient client, SearchClient searchClient,
                                                         SearchIndexSetup setup) {
        // start-up never waits for Elasticsearch: created now, in the background, or before the first write
        setup.ensure(new OpportunityReportIndex(searchClient.client()));
        return new OpportunityReportIndex(client);
    }

    @Bean
    public OpportunityReportWriter opportunityReportWriter(ElasticsearchClient client, OpportunityReportIndex index, SkippedEvents skipped) {
        return new OpportunityReportWriter(client, index, skipped);
    }

    @Bean
    public OpportunityReportProjection opportunityReportProjection(
            OpportunityReportWriter writer, MongoDatabase database,
            ReportingProperties properties) {
        return new OpportunityReportProjection(writer, new ReportingCustomerLookup(database), ZoneId.of(properties.zone()));
    }

    /**
     * The rebuild of the index ({@code POST /api/projections/opportunity-reporting/rebuild}): a projection writing the
     * new index, with its customer lookup in the new version of {@value ReportingCustomerLookup#COLLECTION}.
     */
    @Bean
    public IndexRebuild opportunityReportingRebuild(ElasticsearchClient client, OpportunityReportIndex index, SkippedEvents skipped,
                                                    ReportingProperties properties) {
        return new IndexRebuild(OpportunityReportProjection.PROCESSING_GROUP, client, index,
                target -> List.of(new OpportunityReportProjection(target.holding(new OpportunityReportWriter(client, target.index(), skipped)),
                        new ReportingCustomerLookup(target.database()), ZoneId.of(properties.zone()))));
    }

    @Bean
    public OpportunityReports opportunityReports(SearchClient searchClient, SearchGuard guard) {
        return new OpportunityReports(searchClient.client(), ALIAS, guard);
    }

    @Bean
    public ConfigurerModule opportunityReportingProcessor(OpportunityReportWriter writer) {
        return ElasticsearchQueryConfiguration.indexingProcessor(OpportunityReportProjection.PROCESSING_GROUP, writer::flush,
                (configuration, builder) -> builder.initialSegmentCount(1));
    }

    /** The opportunities reporting index: alias {@code opportunities}, version 1 = {@code opportunities_v1}. */
    public static class OpportunityReportIndex extends VersionedIndex {
        public OpportunityReportIndex(ElasticsearchClient client) {
            super(client, ALIAS, VERSION);
        }
    }
}
