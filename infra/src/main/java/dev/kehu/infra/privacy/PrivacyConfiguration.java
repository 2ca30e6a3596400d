package dev.kehu.infra.privacy;

import com.mongodb.client.MongoDatabase;
import dev.kehu.command.customer.directory.CustomerDirectory;
import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Personal data protection (docs/privacy.md): the master key, the subjects' keys and the cipher the event
 * serializers carry ({@code AxonConfiguration}), so every event's personal fields are stored sealed.
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
    public PersonalDataCipher personalDataCipher(SubjectKeys keys, CustomerDirectory directory) {
        return new PersonalDataCipher(keys, id -> directory.find(id).map(CustomerDirectory.Entry::kind));
    }
}
