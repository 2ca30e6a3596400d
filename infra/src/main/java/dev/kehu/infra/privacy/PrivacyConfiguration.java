package dev.kehu.infra.privacy;

import com.mongodb.client.MongoDatabase;
import dev.kehu.command.customer.directory.CustomerDirectory;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.axon.EventStoreProperties;
import java.nio.file.Path;
import java.time.Clock;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Personal data protection (docs/privacy.md): the master key, the subjects' keys and the cipher the event
 * serializers carry ({@code AxonConfiguration}), so every event's personal fields are stored sealed; erasure
 * ({@link Shredder}, called by the command side's erasure endpoint) and the copy ({@link SubjectExportController}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
public class PrivacyConfiguration {

    @Bean
    public SubjectKeys subjectKeys(MongoDatabase database, CryptoProperties properties, Environment environment) {
        String mongoUri = environment.getProperty("kehu.mongodb.uri", "");
        Path dataDir = Path.of(environment.getProperty("kehu.data-dir", "./data"));
        return new SubjectKeys(database, MasterKey.load(properties, mongoUri.isBlank(), dataDir));
    }

    @Bean
    SubjectRecords subjectRecords(EventStore eventStore) {
        return new SubjectRecords(eventStore);
    }

    @Bean
    SubjectExportController subjectExportController(SubjectRecords records, SubjectKeys keys) {
        return new SubjectExportController(records, keys);
    }

    @Bean
    Shredder shredder(SubjectRecords records, SubjectKeys keys, MongoDatabase database, ElasticsearchClient client,
                      @Qualifier(AxonConfiguration.CUSTOMER_CACHE) Cache customerCache, ObjectProvider<Clock> clock,
                      EventStoreProperties properties) {
        return new Shredder(records, keys, new ViewScrubber(database), new SearchScrubber(client), database,
                customerCache, clock.getIfUnique(Clock::systemUTC), properties.toSettings().snapshotsCollection());
    }

    @Bean
    public PersonalDataCipher personalDataCipher(SubjectKeys keys, CustomerDirectory directory) {
        return new PersonalDataCipher(keys, id -> directory.find(id).map(CustomerDirectory.Entry::kind));
    }
}
