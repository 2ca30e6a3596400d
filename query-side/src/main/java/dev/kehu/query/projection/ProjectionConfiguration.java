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

    @Bean
    public ViewWriter viewWriter(MongoDatabase database) {
        return new ViewWriter(database);
    }

    @Bean
    public SkippedEvents skippedEvents(MongoDatabase database, Clock clock) {
        return new SkippedEvents(database, clock);
    }

    @Bean
    public ProjectionPositions projectionPositions(MongoDatabase database, ObjectProvider<Configuration> axon, Clock clock) {
        return new ProjectionPositions(database, axon::getIfAvailable, clock);
    }

    @Bean
    public ConfigurerModule readSideProcessors(ProjectionPositions positions, ViewWriter writer, SkippedEvents skipped,
                                               ProjectionProperties properties) {
        return processors(positions, writer, skipped, properties.batchSize(), properties.autoStart());
    }

    /** As the bean above, skipped events recorded in the writer's database. */
    public static ConfigurerModule processors(ProjectionPositions positions, ViewWriter writer, int batchSize, boolean autoStart) {
        return processors(positions, writer, new SkippedEvents(writer.database(), Clock.systemUTC()), batchSize, autoStart);
    }

    /** As the bean above; {@code autoStart = false} leaves starting the processors to the caller (benchmarks). */
    public static ConfigurerModule processors(ProjectionPositions positions, ViewWriter writer, SkippedEvents skipped,
                                              int batchSize, boolean autoStart) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (String group : ProjectionGroups.ALL) {
                processing.registerTrackingEventProcessor(group, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize).andAutoStart(autoStart));
                DeadLetterQueues.register(processing, group, writer.database(), skipped.clock());
                processing.registerHandlerInterceptor(group, c -> new ViewBatchInterceptor(group, positions, writer, skipped));
            }
        };
    }
}
