package dev.kehu.infra.elasticsearch;

import java.time.Duration;

import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.kehu.infra.embedded.ElasticsearchNode;

/**
 * The {@link ElasticsearchClient} (8.19 Java client, Jackson 2 mapper) for {@code kehu.elasticsearch.url},
 * or for the embedded node when no URL is given, and an {@link ElasticsearchHealth} to ask whether the
 * cluster answers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ElasticsearchProperties.class)
public class ElasticsearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchConfiguration.class);

    @Bean
    ElasticsearchAddress elasticsearchAddress(ElasticsearchProperties properties, ObjectProvider<ElasticsearchNode> embedded) {
        if (properties.startsEmbeddedNode()) {
            return new ElasticsearchAddress(embedded.getObject().url(), true);
        }
        log.info("Using the Elasticsearch cluster at {}", properties.url());
        return new ElasticsearchAddress(properties.url(), false);
    }

    @Bean(destroyMethod = "close")
    RestClient elasticsearchRestClient(ElasticsearchAddress address) {
        return restClient(address.url());
    }

    @Bean
    ElasticsearchClient elasticsearchClient(RestClient restClient) {
        return client(restClient);
    }

    @Bean
    ElasticsearchHealth elasticsearchHealth(ElasticsearchAddress address) {
        return new ElasticsearchHealth(address.url(), Duration.ofSeconds(1));
    }

    /**
     * A low-level client for a URL such as {@code http://127.0.0.1:9200}; {@code https://user:password@host:9200}
     * sends basic authentication.
     */
    public static RestClient restClient(String url) {
        ElasticsearchUrl parsed = ElasticsearchUrl.parse(url);
        var builder = RestClient.builder(HttpHost.create(parsed.base()))
                .setRequestConfigCallback(config -> config.setConnectTimeout(5_000).setSocketTimeout(60_000));
        parsed.authorization().ifPresent(value ->
                builder.setDefaultHeaders(new org.apache.http.Header[] {new BasicHeader("Authorization", value)}));
        return builder.build();
    }

    /** The typed client over a low-level one, with the Jackson 2 mapper (java.time as ISO strings, nulls omitted). */
    public static ElasticsearchClient client(RestClient restClient) {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper(mapper)));
    }
}
