package dev.kehu.infra.embedded;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import dev.kehu.infra.elasticsearch.ElasticsearchProperties;

/**
 * Without {@code kehu.elasticsearch.url}, the embedded Elasticsearch node: started (and awaited until the
 * cluster is yellow) while the context is created, stopped when it closes.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedElasticsearchCondition.class)
@EnableConfigurationProperties({DataDirectoryProperties.class, ElasticsearchProperties.class})
public class EmbeddedElasticsearchConfiguration {

    @Bean(destroyMethod = "stop")
    ElasticsearchNode embeddedElasticsearchNode(DataDirectoryProperties data, ElasticsearchProperties elasticsearch) {
        return new ElasticsearchNode(nodeSettings(data.elasticsearch(), elasticsearch.embedded())).start();
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
