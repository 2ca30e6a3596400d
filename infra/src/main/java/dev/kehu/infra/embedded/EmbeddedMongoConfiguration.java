package dev.kehu.infra.embedded;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import dev.kehu.infra.mongodb.MongoProperties;

/**
 * Starts the embedded MongoDB-wire server when {@code kehu.mongodb.uri} is empty: H2 file under
 * {@code <kehu.data-dir>/mongodb/}, durable replies, 127.0.0.1 only. The client is made by
 * {@code dev.kehu.infra.mongodb.MongoConfiguration} either way.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedMongoCondition.class)
@EnableConfigurationProperties({DataDirectoryProperties.class, MongoProperties.class})
public class EmbeddedMongoConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMongoServer embeddedMongoServer(DataDirectoryProperties data, MongoProperties mongo) {
        return EmbeddedMongoServer.onFile(data.mongodb(), mongo.embedded().port());
    }
}
