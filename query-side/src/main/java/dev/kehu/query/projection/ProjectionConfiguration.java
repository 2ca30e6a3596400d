package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * One single-threaded tracking processor per read-side processing group (events of one group are
 * applied strictly in log order, which the per-document {@code appliedPosition} check relies on),
 * each batch's view changes written by {@link ViewBatchInterceptor}. Handler errors go to the
 * group's dead-letter queue ({@link DeadLetterQueues}): a failure of MongoDB propagates (the processor
 * retries the batch with back-off), an event that fails because of its own content is parked with
 * later events of its aggregate behind it, so no stored event can stop a view. Processors start from the tail of the
 * log, so a new projection backfills from the whole history. Tokens live in the application's
 * {@code TokenStore} bean, "now" from the application's {@code Clock} bean.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProjectionProperties.class, QueryProperties.class})
public class ProjectionConfiguration {

    /** How often a split group's coordinator looks for segments nobody holds (a stopped instance's). */
    static final java.time.Duration CLAIM_INTERVAL = java.time.Duration.ofSeconds(1);
    /** Opportunities whose customer {@link CustomerSequencing} keeps in memory. */
    static final long CACHED_OPPORTUNITIES = 100_000;

    @Bean
    public ViewWriter viewWriter(MongoDatabase database) {
        return new ViewWriter(database);
    }

    @Bean
    public SkippedEvents skippedEvents(MongoDatabase database, Clock clock) {
        return new SkippedEvents(database, clock);
    }

    @Bean
    public ProjectionPositions projectionPositions(MongoDatabase database, ObjectProvider<Configuration> axon, Clock clock,
                                                   ObjectProvider<SegmentClaims> claims, ProjectionProperties properties) {
        return new ProjectionPositions(database, axon::getIfAvailable, clock, claims.getIfAvailable(), properties.segments());
    }

    @Bean
    public ConfigurerModule readSideProcessors(ProjectionPositions positions, ViewWriter writer, SkippedEvents skipped,
                                               ProjectionProperties properties) {
        return processors(positions, writer, skipped, properties.batchSize(), properties.autoStart(), properties.segments());
    }

    /** As the bean above, skipped events recorded in the writer's database. */
    public static ConfigurerModule processors(ProjectionPositions positions, ViewWriter writer, int batchSize, boolean autoStart) {
        return processors(positions, writer, new SkippedEvents(writer.database(), Clock.systemUTC()), batchSize, autoStart);
    }

    /** As the bean above; {@code autoStart = false} leaves starting the processors to the caller (benchmarks). */
    public static ConfigurerModule processors(ProjectionPositions positions, ViewWriter writer, SkippedEvents skipped,
                                              int batchSize, boolean autoStart) {
        return processors(positions, writer, skipped, batchSize, autoStart, 1);
    }

    /**
     * As above, with the groups that may be split ({@link ProjectionGroups#SPLITTABLE}) in {@code segments}
     * segments: a pooled streaming processor per group, sequenced by customer ({@link CustomerSequencing}), whose
     * coordinator claims every segment no live instance holds (the one of an instance that stopped, at once; of one
     * that died, once its claim times out). {@code SegmentBalancer} hands segments to the other instances.
     * {@code autoStart = false} applies to the groups in one segment only (the benchmarks run with one).
     */
    public static ConfigurerModule processors(ProjectionPositions positions, ViewWriter writer, SkippedEvents skipped,
                                              int batchSize, boolean autoStart, int segments) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            CustomerSequencing[] sequencing = new CustomerSequencing[1];
            for (String group : ProjectionGroups.ALL) {
                int count = ProjectionGroups.segments(group, segments);
                if (count == 1) {
                    processing.registerTrackingEventProcessor(group, Configuration::eventStore,
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize).andAutoStart(autoStart));
                } else {
                    processing.registerPooledStreamingEventProcessor(group, Configuration::eventStore,
                            (c, builder) -> builder.initialSegmentCount(count).batchSize(batchSize)
                                    .tokenClaimInterval(CLAIM_INTERVAL.toMillis()));
                    processing.registerSequencingPolicy(group, c -> {
                        if (sequencing[0] == null) { // one lookup cache for every split group
                            sequencing[0] = new CustomerSequencing(c::eventStore, CACHED_OPPORTUNITIES);
                        }
                        return sequencing[0];
                    });
                }
                DeadLetterQueues.register(processing, group, writer.database(), skipped.clock());
                processing.registerHandlerInterceptor(group, c -> new ViewBatchInterceptor(group, positions, writer, skipped));
            }
        };
    }
}
