package dev.kehu.infra.audit.index;

import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.axon.EventStoreProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The actor/correlation index: its store, its projection and the projection's own processor. */
@Configuration(proxyBeanMethods = false)
public class AuditIndexConfiguration {

    @Bean
    public AuditIndex auditIndex(MongoDatabase database, EventStoreProperties properties) {
        return new AuditIndex(database, properties.collectionPrefix());
    }

    @Bean
    public AuditIndexProjection auditIndexProjection(AuditIndex auditIndex) {
        return new AuditIndexProjection(auditIndex);
    }

    /**
     * The index's own tracking processor: single-threaded (entries are appended in log order), errors retry the
     * batch, batches of 1,000 events (a few bulk writes each).
     */
    @Bean
    public ConfigurerModule auditIndexProcessor() {
        return configurer -> {
            configurer.eventProcessing().registerTrackingEventProcessor(AuditIndexProjection.GROUP,
                    org.axonframework.config.Configuration::eventStore,
                    c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(1000));
            configurer.eventProcessing().registerListenerInvocationErrorHandler(AuditIndexProjection.GROUP,
                    c -> PropagatingErrorHandler.instance());
        };
    }
}
