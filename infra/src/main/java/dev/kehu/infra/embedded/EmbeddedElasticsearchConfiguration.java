package dev.kehu.infra.embedded;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import dev.kehu.infra.elasticsearch.ElasticsearchProperties;

/**
 * Without {@code kehu.elasticsearch.url}, the embedded Elasticsearch node, supervised: started in the
 * background while the context is created (start-up does not wait for it: commands and MongoDB views are
 * served at once, searches answer 503 until it is ready), restarted when its process dies, stopped when the
 * context closes. Its state: {@code GET /api/system/search-node}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedElasticsearchCondition.class)
@EnableConfigurationProperties({DataDirectoryProperties.class, ElasticsearchProperties.class})
public class EmbeddedElasticsearchConfiguration {

    @Bean(destroyMethod = "stop")
    SupervisedElasticsearchNode embeddedElasticsearchNode(DataDirectoryProperties data, ElasticsearchProperties elasticsearch) {
        return new SupervisedElasticsearchNode(nodeSettings(data.elasticsearch(), elasticsearch.embedded())).startInBackground();
    }

    /** The node's settings from the {@code kehu.elasticsearch.embedded.*} properties. */
    public static ElasticsearchNode.Settings nodeSettings(Path nodeDir, ElasticsearchProperties.Embedded embedded) {
        return new ElasticsearchNode.Settings(
                nodeDir,
                ElasticsearchDistribution.locate(Optional.ofNullable(embedded.distribution())),
                Optional.ofNullable(embedded.javaHome()).orElse(Path.of(System.getProperty("java.home"))),
                embedded.httpPort(),
                embedded.transportPort(),
                embedded.heap(),
                embedded.startTimeout(),
                Optional.of(AnalysisPluginSource.fromClasspath()));
    }
}
