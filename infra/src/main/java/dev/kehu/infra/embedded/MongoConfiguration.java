package dev.kehu.infra.embedded;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.UuidRepresentation;

/**
 * The application's MongoDB: {@code kehu.mongodb.uri} when given, otherwise the embedded MongoDB-wire
 * server (H2 file under {@code <kehu.data-dir>/mongodb/}, 127.0.0.1 only). Provides {@link MongoClient} and
 * {@link MongoDatabase} ({@code kehu.mongodb.database}) either way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DataDirectoryProperties.class, MongoProperties.class})
public class MongoConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedMongoCondition.class)
    EmbeddedMongoServer embeddedMongoServer(DataDirectoryProperties data, MongoProperties mongo) {
        return EmbeddedMongoServer.onFile(data.mongodb(), mongo.embedded().port());
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoProperties mongo, ObjectProvider<EmbeddedMongoServer> embedded) {
        String uri = mongo.startsEmbeddedServer()
                ? embedded.getObject().connectionString()
                : mongo.uri();
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .build());
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, MongoProperties mongo) {
        return client.getDatabase(mongo.database());
    }
}
