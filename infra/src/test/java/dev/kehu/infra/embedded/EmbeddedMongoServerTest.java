package dev.kehu.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.mongodb.client.MongoDatabase;

import dev.kehu.infra.elasticsearch.SharedElasticsearch;

/** The embedded default for MongoDB: an H2-backed server under the data directory, on loopback. */
class EmbeddedMongoServerTest {

    @TempDir
    Path dataDir;

    private ApplicationContextRunner application() {
        return new ApplicationContextRunner()
                .withUserConfiguration(MongoConfiguration.class)
                .withPropertyValues("kehu.data-dir=" + dataDir);
    }

    @Test
    void keepsDataAcrossARestartOfTheApplication() {
        application().run(context -> {
            assertThat(context).hasSingleBean(EmbeddedMongoServer.class);
            assertThat(context.getBean(EmbeddedMongoServer.class).connectionString()).startsWith("mongodb://127.0.0.1:");
            MongoDatabase database = context.getBean(MongoDatabase.class);
            assertThat(database.getName()).isEqualTo("kehu");
            database.getCollection("customers").insertOne(new Document("_id", "c-1").append("name", "北京华联科技"));
        });

        application().run(context -> {
            Document found = context.getBean(MongoDatabase.class).getCollection("customers").find(new Document("_id", "c-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("name")).isEqualTo("北京华联科技");
        });
        assertThat(dataDir.resolve("mongodb/kehu.mv")).exists();
    }

    @Test
    void usesTheConfiguredDatabaseName() {
        application().withPropertyValues("kehu.mongodb.database=crm").run(context ->
                assertThat(context.getBean(MongoDatabase.class).getName()).isEqualTo("crm"));
    }
}
