package dev.kehu.infra.embedded;

import dev.kehu.infra.mongodb.MongoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;

import dev.kehu.infra.elasticsearch.SharedElasticsearch;

/** The embedded default for MongoDB: an H2-backed server under the data directory, on loopback. */
class EmbeddedMongoServerTest {

    @TempDir
    Path dataDir;

    private ApplicationContextRunner application() {
        return new ApplicationContextRunner()
                .withUserConfiguration(EmbeddedMongoConfiguration.class, MongoConfiguration.class)
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
    void keepsItsDataDirectoryAndFileReadableByTheOwnerOnly() throws Exception {
        application().run(context -> context.getBean(MongoDatabase.class).getCollection("customers")
                .insertOne(new Document("_id", "c-1").append("name", "Globex Corporation")));

        assertThat(permissions(dataDir.resolve("mongodb"))).isEqualTo("rwx------");
        assertThat(permissions(dataDir.resolve("mongodb/kehu.mv"))).isEqualTo("rw-------");
    }

    @Test
    void leavesTheDataDirectoryItCreatesPassableForTheElasticsearchNodesUser() throws Exception {
        Path fresh = dataDir.resolve("新数据/kehu");
        new ApplicationContextRunner()
                .withUserConfiguration(EmbeddedMongoConfiguration.class, MongoConfiguration.class)
                .withPropertyValues("kehu.data-dir=" + fresh)
                .run(context -> context.getBean(MongoDatabase.class).getCollection("customers")
                        .insertOne(new Document("_id", "c-2").append("name", "上海浦东发展银行")));

        assertThat(permissions(fresh.resolve("mongodb"))).isEqualTo("rwx------");
        // the node runs as uid 65534 under root and must pass through <kehu.data-dir> to its own directory
        assertThat(permissions(fresh)).endsWith("x").doesNotStartWith("rwx------");
        assertThat(permissions(fresh.getParent())).endsWith("x");
    }

    @Test
    void restrictsADataDirectoryAndFilesLeftOpenByAnEarlierRun() throws Exception {
        application().run(context -> context.getBean(MongoDatabase.class).getCollection("customers")
                .insertOne(new Document("_id", "c-1").append("name", "深圳前海微众")));
        Path mongodb = dataDir.resolve("mongodb");
        Files.setPosixFilePermissions(mongodb, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(mongodb.resolve("kehu.mv"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(mongodb.resolve("notes.txt"), "备份说明 backup notes");
        Files.setPosixFilePermissions(mongodb.resolve("notes.txt"), PosixFilePermissions.fromString("rw-rw-rw-"));

        application().run(context -> assertThat(context.getBean(MongoDatabase.class).getCollection("customers")
                .find(new Document("_id", "c-1")).first().getString("name")).isEqualTo("深圳前海微众"));

        assertThat(permissions(mongodb)).isEqualTo("rwx------");
        assertThat(permissions(mongodb.resolve("kehu.mv"))).isEqualTo("rw-------");
        assertThat(permissions(mongodb.resolve("notes.txt"))).isEqualTo("rw-------");
    }

    @Test
    void writesWithMajorityAndJournalUnlessTheUriSaysOtherwise() {
        application().run(context -> assertThat(context.getBean(MongoDatabase.class).getWriteConcern())
                .isEqualTo(WriteConcern.MAJORITY.withJournal(true)));

        assertThat(MongoConfiguration.clientSettings("mongodb://db1.example.com:27017,db2.example.com:27017/?replicaSet=rs0")
                .getWriteConcern()).isEqualTo(WriteConcern.MAJORITY.withJournal(true));
        assertThat(MongoConfiguration.clientSettings("mongodb://db1.example.com:27017/?w=2").getWriteConcern())
                .isEqualTo(new WriteConcern(2));
        assertThat(MongoConfiguration.clientSettings("mongodb://db1.example.com:27017/?journal=false")
                .getWriteConcern().getJournal()).isFalse();
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void usesTheConfiguredDatabaseName() {
        application().withPropertyValues("kehu.mongodb.database=crm").run(context ->
                assertThat(context.getBean(MongoDatabase.class).getName()).isEqualTo("crm"));
    }
}
