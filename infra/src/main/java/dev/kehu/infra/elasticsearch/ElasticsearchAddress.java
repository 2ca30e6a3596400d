package dev.kehu.infra.elasticsearch;

/**
 * Where the application's Elasticsearch is.
 *
 * @param url      e.g. {@code http://127.0.0.1:9200}
 * @param embedded whether the application started that node itself
 */
public record ElasticsearchAddress(String url, boolean embedded) {
}
