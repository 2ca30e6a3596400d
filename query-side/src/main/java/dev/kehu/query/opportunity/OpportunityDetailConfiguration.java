package dev.kehu.query.opportunity;

import dev.kehu.query.fold.AggregateEvents;
import org.springframework.context.annotation.Bean;

/** The opportunity detail view as of a past moment. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class OpportunityDetailConfiguration {

    @Bean
    public OpportunityAsOf opportunityAsOf(AggregateEvents events) {
        return new OpportunityAsOf(events);
    }
}
