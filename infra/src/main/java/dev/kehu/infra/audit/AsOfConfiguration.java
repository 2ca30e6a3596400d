package dev.kehu.infra.audit;

import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.axon.EventStoreProperties;
import dev.kehu.query.customer360.Customer360AsOf;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Views as of a past moment read the MongoDB event store directly; changes between two moments are described here. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AsOfConfiguration {

    @Bean(destroyMethod = "close")
    @Primary
    public AsOfEventReader asOfEventReader(MongoDatabase database, EventStoreProperties properties,
                                           @Qualifier("eventSerializer") Serializer eventSerializer, EventStorageEngine engine) {
        return new AsOfEventReader(database, properties.toSettings(), eventSerializer, engine);
    }

    @Bean
    public CustomerChanges customerChanges(Customer360AsOf asOf) {
        return new CustomerChanges(asOf);
    }
}
