package dev.kehu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.KehuApplication;
import dev.kehu.infra.elasticsearch.SharedServers;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.tokenstore.MongoTokenStore;
import dev.kehu.query.projection.ProjectionGroups;

/**
 * The whole application, every branch merged, starts: every bean loads and every event processor of
 * the command side, the MongoDB read side and search runs on the MongoDB event store. Cross-branch
 * wiring problems (duplicate beans, two providers of one thing, a processor left unregistered) show up here.
 */
@SpringBootTest(classes = KehuApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SharedServers
class ApplicationContextTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    ElasticsearchClient elasticsearch;

    @Test
    void runsEveryEventProcessorOfCommandSideReadSideAndSearch() {
        Map<String, EventProcessor> processors = new TreeMap<>(processing.eventProcessors());

        assertThat(processors).containsKeys(ProjectionGroups.ALL.toArray(String[]::new));
        assertThat(processors).containsKeys("customer-directory", "customer-search", "opportunity-reporting");
        assertThat(processors.values()).allSatisfy(processor -> assertThat(processor.isRunning())
                .as("processor %s running", processor.getName()).isTrue());
        assertThat(processors.values()).allSatisfy(processor -> assertThat(processor.isError())
                .as("processor %s in error", processor.getName()).isFalse());
        // the command side's directory must be current when a command returns; projections track the store
        assertThat(processors.get("customer-directory")).isInstanceOf(SubscribingEventProcessor.class);
        ProjectionGroups.ALL.forEach(group -> assertThat(processors.get(group)).isInstanceOf(StreamingEventProcessor.class));
        assertThat(processors.get("customer-search")).isInstanceOf(PooledStreamingEventProcessor.class);
        assertThat(processors.get("opportunity-reporting")).isInstanceOf(PooledStreamingEventProcessor.class);
    }

    /**
     * Search and reporting park an event they cannot apply in their dead-letter queues; Axon's dead-lettering
     * invoker then propagates handler errors to the queue, so no listener invocation error handler is needed.
     */
    @Test
    void givesTheElasticsearchGroupsDeadLetterQueues() {
        for (String group : ProjectionGroups.ELASTICSEARCH) {
            assertThat(processing.deadLetterQueue(group)).as(group).isPresent();
            assertThat(processing.sequencedDeadLetterProcessor(group)).as(group).isPresent();
        }
    }

    @Test
    void storesEventsAndTokensInMongoDb() {
        assertThat(storageEngine).isInstanceOf(MongoEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(MongoTokenStore.class);
    }

    @Test
    void hasOneCorrelationDataProviderForTheAuditMetadata() {
        assertThat(context.getBeansOfType(CorrelationDataProvider.class)).hasSize(1);
    }

    @Test
    void createsTheSearchIndexesOnTheSharedNode() throws Exception {
        assertThat(elasticsearch.indices().existsAlias(request -> request.name("customers")).value()).isTrue();
    }
}
