package dev.kehu.infra.operations;

import com.mongodb.client.MongoDatabase;
import dev.kehu.command.actor.ActorSource;
import dev.kehu.infra.elasticsearch.ElasticsearchAddress;
import dev.kehu.infra.elasticsearch.ElasticsearchHealth;
import dev.kehu.query.projection.ProjectionStatusSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.messaging.Message;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Operations (issue 19; README "Operations"): the health components behind {@code /actuator/health}
 * ({@code mongo}, {@code elasticsearch}, {@code processors}), the Kehu metrics behind
 * {@code /actuator/prometheus}, and the logging context of every request. Which actuator endpoints are public is
 * decided in {@code SecurityConfiguration}: the health probes and {@code info} are, the rest needs ADMIN.
 *
 * <p>Axon's own Micrometer auto-configuration is excluded (application.properties): written for Spring Boot 3,
 * it orders itself after auto-configurations Boot 4 no longer has and would make a second meter registry. The
 * monitors it would add to every handler are replaced by the three Kehu needs, registered here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperationsProperties.class)
public class OperationsConfiguration {

    /** Before the command side's own filters and just after Spring Security's (order -100), which sets the actor. */
    private static final int LOG_CONTEXT_ORDER = -99;

    @Bean
    MongoHealthIndicator mongoHealthIndicator(MongoDatabase database) {
        return new MongoHealthIndicator(database);
    }

    @Bean
    ElasticsearchHealthIndicator elasticsearchHealthIndicator(ElasticsearchHealth health, ElasticsearchAddress address) {
        return new ElasticsearchHealthIndicator(health, address);
    }

    @Bean
    ProcessorsHealthIndicator processorsHealthIndicator(ProjectionStatusSource statuses, OperationsProperties properties) {
        return new ProcessorsHealthIndicator(statuses, properties.processorLagThreshold());
    }

    /** Commands by type and outcome, events appended, and each processor's latency (lag in seconds). */
    @Bean
    ConfigurerModule kehuMessageMonitors(MeterRegistry registry) {
        MessageMonitor<Message<?>> commands = new CommandMetrics(registry);
        MessageMonitor<Message<?>> appended = new AppendedEventMetrics(registry);
        // one monitor per processor: Axon may ask twice for the same one, and a second gauge would be refused
        Map<String, MessageMonitor<Message<?>>> latencies = new ConcurrentHashMap<>();
        return configurer -> configurer
                .configureMessageMonitor(CommandBus.class, configuration -> commands)
                .configureMessageMonitor(EventStore.class, configuration -> appended)
                .configureMessageMonitor(EventProcessor.class, (configuration, componentType, processorName) ->
                        latencies.computeIfAbsent(processorName, name -> latency(registry, name)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> latency(MeterRegistry registry, String processorName) {
        // kehu.processor.latency{group}: milliseconds between an event's timestamp and its handling
        return (MessageMonitor) EventProcessorLatencyMonitor.builder().meterNamePrefix("kehu.processor")
                .meterRegistry(registry).tagsBuilder(message -> Tags.of("group", processorName)).build();
    }

    /** Picked up by the projections' Elasticsearch client ({@code ElasticsearchConfiguration}). */
    @Bean
    BulkFailureMetrics elasticsearchBulkFailureMetrics(MeterRegistry registry) {
        return new BulkFailureMetrics(registry);
    }

    @Bean
    ProcessorLagMetrics processorLagMetrics(ProjectionStatusSource statuses, MeterRegistry registry) {
        return new ProcessorLagMetrics(statuses, registry);
    }

    @Bean
    FilterRegistrationBean<IdempotencyReplayMetrics> idempotencyReplayMetrics(MeterRegistry registry) {
        FilterRegistrationBean<IdempotencyReplayMetrics> registration =
                new FilterRegistrationBean<>(new IdempotencyReplayMetrics(registry));
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestLogContext> requestLogContext(ActorSource actors) {
        FilterRegistrationBean<RequestLogContext> registration = new FilterRegistrationBean<>(new RequestLogContext(actors));
        registration.setOrder(LOG_CONTEXT_ORDER);
        return registration;
    }
}
