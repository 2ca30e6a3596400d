package dev.kehu.query.elasticsearch;

import java.io.IOException;
import java.time.Duration;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/**
 * The Elasticsearch client for searches and reports, apart from the one projections write with: its own
 * connection pool, and answers awaited at most {@code timeout} (infra sets it from
 * {@code kehu.elasticsearch.search-timeout}), so a frozen node costs a search that long and no more.
 */
public record SearchClient(ElasticsearchClient client, Duration timeout) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        client._transport().close();
    }
}
