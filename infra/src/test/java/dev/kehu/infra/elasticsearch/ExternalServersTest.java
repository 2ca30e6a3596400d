package dev.kehu.infra.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.mongodb.client.MongoDatabase;

import dev.kehu.infra.embedded.ElasticsearchNode;
import dev.kehu.infra.embedded.EmbeddedElasticsearchConfiguration;
import dev.kehu.infra.embedded.EmbeddedMongoConfiguration;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.mongodb.MongoConfiguration;
import dev.kehu.infra.embedded.SupervisedElasticsearchNode;

/** Given a MongoDB URI and an Elasticsearch URL, the application starts no server and uses those. */
@SpringBootTest(classes = {EmbeddedMongoConfiguration.class, MongoConfiguration.class, EmbeddedElasticsearchConfiguration.class,
        ElasticsearchConfiguration.class})
@SharedServers
class ExternalServersTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    Environment environment;
    @Autowired
    MongoDatabase database;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    ElasticsearchAddress address;
    @Autowired
    ElasticsearchHealth health;

    @Test
    void startsNeitherServerAndUsesTheGivenOnes() throws IOException {
        assertThat(context.getBeanNamesForType(EmbeddedMongoServer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ElasticsearchNode.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SupervisedElasticsearchNode.class)).isEmpty();
        assertThat(address.embedded()).isFalse();
        assertThat(address.url()).isEqualTo(SharedElasticsearch.url());
        assertThat(environment.getProperty("kehu.mongodb.uri")).startsWith("mongodb://127.0.0.1:");

        database.getCollection("probe").insertOne(new Document("_id", "p-1").append("name", "客户 Acme"));
        assertThat(database.getCollection("probe").find(new Document("_id", "p-1")).first()).containsEntry("name", "客户 Acme");
        assertThat(elasticsearch.cluster().health().numberOfNodes()).isEqualTo(1);
        assertThat(health.isAvailable()).isTrue();
    }

    @Test
    void runsNoElasticsearchProcessBesidesTheSharedNode() {
        long sharedNode = SharedElasticsearch.node().pid().orElseThrow();
        List<Long> elasticsearchProcesses = ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("org.elasticsearch")
                        || process.info().arguments().map(List::of).orElse(List.of()).stream().anyMatch(a -> a.contains("elasticsearch")))
                .map(ProcessHandle::pid)
                .toList();
        List<Long> sharedTree = ProcessHandle.of(sharedNode).orElseThrow().descendants().map(ProcessHandle::pid).toList();

        assertThat(elasticsearchProcesses).isNotEmpty().allMatch(pid -> pid == sharedNode || sharedTree.contains(pid));
    }
}
