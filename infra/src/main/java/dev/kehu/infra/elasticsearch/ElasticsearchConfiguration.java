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
import co.elastic.clients.transport.instrumentation.Instrumentation;
import co.elastic.clients.transport.instrumentation.NoopInstrumentation;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.kehu.query.elasticsearch.SearchClient;

/**
 * The {@link ElasticsearchClient}s (8.19 Java client, Jackson 2 mapper) for {@code kehu.elasticsearch.url},
 * or for the embedded node when no URL is given, and an {@link ElasticsearchHealth} to ask whether the
 * cluster answers.
 *
 * <p>Two clients with their own connection pools: the shared one for projection writes (bulk requests may
 * take seconds under load: {@code kehu.elasticsearch.write-timeout}) and the {@link SearchClient} for
 * searches and reports, whose answers are awaited only {@code kehu.elasticsearch.search-timeout} (a frozen
 * node must not hold a web thread for long). Both give up connecting after
 * {@code kehu.elasticsearch.connect-timeout}. Separate pools also keep a burst of slow bulk writes from
 * taking the connections searches need, and the other way round.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ElasticsearchProperties.class)
public class ElasticsearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchConfiguration.class);

    @Bean
    ElasticsearchAddress elasticsearchAddress(ElasticsearchProperties properties,
                                              ObjectProvider<LocalElasticsearchNode> embedded) {
        if (properties.startsEmbeddedNode()) {
            return new ElasticsearchAddress(embedded.getObject().url(), true);
        }
        log.info("Using the Elasticsearch cluster at {}", properties.url());
        return new ElasticsearchAddress(properties.url(), false);
    }

    @Bean(destroyMethod = "close")
    RestClient elasticsearchRestClient(ElasticsearchAddress address, ElasticsearchProperties properties) {
        return restClient(address.url(), properties.connectTimeout(), properties.writeTimeout(), properties.maxConnections());
    }

    /** The projections' writes; with an {@link Instrumentation} bean (the bulk-failure metrics) observed by it. */
    @Bean
    ElasticsearchClient elasticsearchClient(RestClient elasticsearchRestClient, ObjectProvider<Instrumentation> instrumentation) {
        return client(elasticsearchRestClient, instrumentation.getIfAvailable(() -> NoopInstrumentation.INSTANCE));
    }

    /** Searches and reports: their own pool, answers awaited at most {@code kehu.elasticsearch.search-timeout}. */
    @Bean(destroyMethod = "close")
    SearchClient searchClient(ElasticsearchAddress address, ElasticsearchProperties properties) {
        RestClient rest = restClient(address.url(), properties.connectTimeout(), properties.searchTimeout(),
                properties.maxConnections());
        return new SearchClient(client(rest), properties.searchTimeout());
    }

    @Bean
    ElasticsearchHealth elasticsearchHealth(ElasticsearchAddress address) {
        return new ElasticsearchHealth(address.url(), Duration.ofSeconds(1));
    }

    /**
     * A low-level client for a URL such as {@code http://127.0.0.1:9200} with the default timeouts of
     * {@link ElasticsearchProperties} (connect 1 s, answers 30 s); {@code https://user:password@host:9200}
     * sends basic authentication.
     */
    public static RestClient restClient(String url) {
        return restClient(url, ElasticsearchProperties.DEFAULT_CONNECT_TIMEOUT, ElasticsearchProperties.DEFAULT_WRITE_TIMEOUT,
                ElasticsearchProperties.DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * A low-level client: {@code connectTimeout} bounds connecting and waiting for a pooled connection,
     * {@code socketTimeout} the silence while waiting for an answer (a frozen node sends nothing).
     */
    public static RestClient restClient(String url, Duration connectTimeout, Duration socketTimeout, int maxConnections) {
        ElasticsearchUrl parsed = ElasticsearchUrl.parse(url);
        int connect = Math.toIntExact(connectTimeout.toMillis());
        int socket = Math.toIntExact(socketTimeout.toMillis());
        var builder = RestClient.builder(HttpHost.create(parsed.base()))
                .setRequestConfigCallback(config -> config.setConnectTimeout(connect)
                        .setConnectionRequestTimeout(connect).setSocketTimeout(socket))
                .setHttpClientConfigCallback(http -> http.setMaxConnPerRoute(maxConnections).setMaxConnTotal(maxConnections));
        parsed.authorization().ifPresent(value ->
                builder.setDefaultHeaders(new org.apache.http.Header[] {new BasicHeader("Authorization", value)}));
        return builder.build();
    }

    /** The typed client over a low-level one, with the Jackson 2 mapper (java.time as ISO strings, nulls omitted). */
    public static ElasticsearchClient client(RestClient restClient) {
        return client(restClient, NoopInstrumentation.INSTANCE);
    }

    static ElasticsearchClient client(RestClient restClient, Instrumentation instrumentation) {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper(mapper), null, instrumentation));
    }
}
