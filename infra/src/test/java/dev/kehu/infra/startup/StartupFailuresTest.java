package dev.kehu.infra.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kehu.KehuApplication;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Each way start-up commonly fails prints one clear message with the fix (a Spring Boot failure analysis), and no
 * stack trace: the application is started for real with one thing wrong.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailuresTest {

    /** An external MongoDB needs a master key (docs/privacy.md): the tests of other failures give one. */
    static final String TEST_MASTER_KEY = "a2VodS10ZXN0LW1hc3Rlci1rZXktMzItYnl0ZXMhISE=";

    @TempDir
    Path temp;

    @Test
    void aBadConfigurationValueNamesThePropertyAndTheValue(CapturedOutput output) {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory()) {
            fails("--kehu.mongodb.uri=" + mongo.connectionString(), "--kehu.elasticsearch.url=" + SharedElasticsearch.url(),
                    "--kehu.crypto.master-key=" + TEST_MASTER_KEY, "--kehu.operations.processor-lag-threshold=很多");
        }
        assertExplained(output, "kehu.operations.processor-lag-threshold", "很多");
    }

    @Test
    void anUnusableDataDirectoryIsNamedWithTheFix(CapturedOutput output) throws IOException {
        Path notADirectory = Files.writeString(temp.resolve("not-a-directory"), "a file");
        fails("--kehu.data-dir=" + notADirectory.resolve("data"), "--kehu.elasticsearch.url=" + SharedElasticsearch.url());
        assertExplained(output, "Kehu cannot use its data directory", "Set kehu.data-dir");
    }

    @Test
    void anEmbeddedElasticsearchThatFailsToStartSaysWhereToLook(CapturedOutput output) {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory()) {
            fails("--kehu.mongodb.uri=" + mongo.connectionString(), "--kehu.data-dir=" + temp,
                    "--kehu.crypto.master-key=" + TEST_MASTER_KEY,
                    "--kehu.elasticsearch.embedded.distribution=" + temp.resolve("no-elasticsearch-here"));
        }
        assertExplained(output, "The embedded Elasticsearch node failed to start", "kehu.elasticsearch.url");
    }

    @Test
    void aTakenPortOfTheEmbeddedMongoDbServerNamesItsSetting(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            fails("--kehu.data-dir=" + temp, "--kehu.mongodb.embedded.port=" + taken.getLocalPort(),
                    "--kehu.elasticsearch.url=" + SharedElasticsearch.url());
        }
        assertExplained(output, "already in use", "kehu.mongodb.embedded.port");
    }

    @Test
    void aMissingMasterKeyFileNamesTheFileAndTheFix(CapturedOutput output) {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory()) {
            fails("--kehu.mongodb.uri=" + mongo.connectionString(), "--kehu.elasticsearch.url=" + SharedElasticsearch.url(),
                    "--kehu.crypto.master-key-file=" + temp.resolve("lost-master.key"));
        }
        assertExplained(output, "lost-master.key (kehu.crypto.master-key-file) does not exist", "Restore the key file");
    }

    @Test
    void aMasterKeyThatIsNotTheStoresIsRefused(CapturedOutput output) {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory();
             com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(mongo.connectionString())) {
            dev.kehu.infra.privacy.PrivacyBench.cipher(client.getDatabase("kehu")); // the store's keys: another master key
            fails("--kehu.mongodb.uri=" + mongo.connectionString(), "--kehu.elasticsearch.url=" + SharedElasticsearch.url(),
                    "--kehu.crypto.master-key=" + TEST_MASTER_KEY);
        }
        assertExplained(output, "is not the one this store's personal data keys were wrapped with",
                "Configure the master key this store was created with");
    }

    private static void fails(String... args) {
        SpringApplication application = new SpringApplication(KehuApplication.class);
        application.setDefaultProperties(java.util.Map.of("server.port", "0"));
        assertThatThrownBy(() -> application.run(args)).isInstanceOf(Exception.class);
    }

    private static void assertExplained(CapturedOutput output, String... expected) {
        String text = output.getAll();
        assertThat(text).contains("APPLICATION FAILED TO START").contains("Description:").contains("Action:");
        assertThat(text).contains(expected);
        assertThat(text).as("no stack trace").doesNotContainPattern("(?m)^\\s+at [a-z]+\\.[a-zA-Z.$]+\\(");
    }
}
