package dev.kehu.query.projection.operations;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.projection.DeadLetterQueues;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.SkippedEvents;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.Duration;

/**
 * Operations on projections: status of every group, pause and resume across instances, replay, and
 * the dead letters of every group; also the dead-letter queues of the Elasticsearch groups (customer
 * search, opportunity reporting), registered here so their own configurations keep only their
 * indexes and processors.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class ProjectionOperationsConfiguration {

    /** How often each instance lines its processors up with the paused flags in MongoDB. */
    static final Duration RECONCILE_EVERY = Duration.ofSeconds(1);

    @Bean(destroyMethod = "close")
    public ProjectionControl projectionControl(MongoDatabase database, ObjectProvider<Configuration> axon, Clock clock) {
        return new ProjectionControl(database, axon::getIfAvailable, clock, RECONCILE_EVERY);
    }

    @Bean
    public DeadLetterOperations deadLetterOperations(MongoDatabase database, ObjectProvider<Configuration> axon,
                                                     ProjectionControl control, Clock clock) {
        return new DeadLetterOperations(database, axon::getIfAvailable, control, clock);
    }

    @Bean
    public ProjectionStatuses projectionStatuses(MongoDatabase database, ProjectionPositions positions, SkippedEvents skipped,
                                                 ProjectionControl control, ObjectProvider<ProjectionStatuses.Extra> extras) {
        return new ProjectionStatuses(database, positions, skipped, control, extras.orderedStream().toList());
    }

    @Bean
    public ConfigurerModule elasticsearchDeadLetterQueues(MongoDatabase database, Clock clock) {
        return configurer -> {
            for (String group : ProjectionGroups.ELASTICSEARCH) {
                DeadLetterQueues.register(configurer.eventProcessing(), group, database, clock);
            }
        };
    }
}
