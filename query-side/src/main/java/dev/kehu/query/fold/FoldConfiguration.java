package dev.kehu.query.fold;

import org.axonframework.config.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The default reader of aggregates' events for as-of views: Axon's event store (the application provides a faster one). */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class FoldConfiguration {

    @Bean
    @ConditionalOnMissingBean(AggregateEvents.class)
    public AggregateEvents aggregateEvents(ObjectProvider<Configuration> axon) {
        return new AxonAggregateEvents(() -> axon.getObject().eventStore());
    }
}
