package dev.kehu.query.projection.operations;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.projection.DeadLetterQueues;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ProjectionProperties;
import dev.kehu.query.projection.SegmentClaims;
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
    /** How often each instance says it is alive and gives away segments beyond its share. */
    static final Duration BALANCE_EVERY = Duration.ofSeconds(2);

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

    /** Segment owners and positions in {@code GET /api/projections/{name}}, where the token store can tell them. */
    @Bean
    public ProjectionStatuses.Extra segmentStatus(ObjectProvider<SegmentClaims> claims) {
        SegmentClaims available = claims.getIfAvailable();
        return available == null ? (group, status) -> { } : new SegmentStatus(available);
    }

    /** Spreads split groups' segments over the instances; idle while every group runs in one segment. */
    @Bean(destroyMethod = "close")
    public SegmentBalancer segmentBalancer(MongoDatabase database, ObjectProvider<Configuration> axon,
                                           ObjectProvider<SegmentClaims> claims, ProjectionProperties properties, Clock clock) {
        SegmentClaims available = claims.getIfAvailable();
        return new SegmentBalancer(database, axon::getIfAvailable, available != null && properties.segments() > 1 ? available : null,
                clock, BALANCE_EVERY, properties.segments());
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
