package dev.kehu.infra.mongodb;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.kehu.query.projection.rebuild.ViewVersions;
import org.bson.UuidRepresentation;

/**
 * The application's MongoDB: {@code kehu.mongodb.uri} when given, otherwise the embedded MongoDB-wire
 * server that {@code dev.kehu.infra.embedded.EmbeddedMongoConfiguration} starts (H2 file under
 * {@code <kehu.data-dir>/mongodb/}, 127.0.0.1 only). Provides {@link MongoClient} and
 * {@link MongoDatabase} ({@code kehu.mongodb.database}) either way.
 *
 * <p>Writes default to write concern {@code majority} with {@code j:true}: on a replica set an event is
 * acknowledged only once a majority of members has it in its journal, so a fail-over cannot take it back. A URI
 * that names {@code w}, {@code journal} or {@code wtimeoutMS} keeps its own. (The embedded server ignores write
 * concerns; it syncs every write before answering anyway.)
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongoProperties.class)
public class MongoConfiguration {

    /** What the client writes with unless the URI says otherwise. */
    public static final WriteConcern DEFAULT_WRITE_CONCERN = WriteConcern.MAJORITY.withJournal(true);

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoProperties mongo, ObjectProvider<LocalMongoServer> embedded) {
        String uri = mongo.startsEmbeddedServer()
                ? embedded.getObject().connectionString()
                : mongo.uri();
        return MongoClients.create(clientSettings(uri));
    }

    /** The client settings for {@code uri}: ours, plus the default write concern unless the URI names one. */
    public static MongoClientSettings clientSettings(String uri) {
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .uuidRepresentation(UuidRepresentation.STANDARD);
        if (connection.getWriteConcern() == null) {
            settings.writeConcern(DEFAULT_WRITE_CONCERN);
        }
        return settings.build();
    }

    /** Which version of each view group queries read (a rebuild switches it), read from the plain database. */
    @Bean
    ViewVersions viewVersions(MongoClient client, MongoProperties mongo) {
        return new ViewVersions(client.getDatabase(mongo.database()), ViewVersions.CACHE_FOR);
    }

    /**
     * The application's database: a view collection's plain name opens its current version (docs/read-side.md,
     * "Rebuild"); every other name is itself.
     */
    @Bean
    MongoDatabase mongoDatabase(MongoClient client, MongoProperties mongo, ViewVersions versions) {
        return versions.routing(client.getDatabase(mongo.database()));
    }
}
