package dev.kehu.query.customer360;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.fold.AggregateEvents;
import org.springframework.context.annotation.Bean;

/** The customer 360 view as of a past moment. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class Customer360Configuration {

    @Bean
    public Customer360AsOf customer360AsOf(MongoDatabase database, AggregateEvents events) {
        return new Customer360AsOf(database, events);
    }
}
