package dev.kehu.bench;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.query.elasticsearch.VersionedIndex;
import dev.kehu.query.search.CustomerSearchDocument;
import dev.kehu.query.search.CustomerSearchWriter;
import dev.kehu.query.search.SearchDataGenerator;

/**
 * Indexing phases of {@link SearchBenchmark}: raw bulk of the final documents (our mapping, and the same
 * documents with the standard analyzer in place of {@code kehu_chinese}, in the same run), and a backfill with
 * refresh turned off during the load and restored after.
 */
final class SearchBenchIndexing {

    /** Documents per bulk request. */
    static final int BULK_DOCUMENTS = 500;
    /** Bulk requests in flight at once (the node has few cores; two keeps it busy while the client builds the next). */
    static final int CONCURRENT_BULKS = Integer.parseInt(System.getenv().getOrDefault("SEARCH_BENCH_BULKS", "2"));

    private SearchBenchIndexing() {
    }

    /** A fresh index under {@code alias} with the customers mapping. */
    static VersionedIndex fresh(ElasticsearchClient client, String alias) throws Exception {
        VersionedIndex index = new VersionedIndex(client, alias, 1, "customers");
        client.indices().delete(delete -> delete.index(index.indexName(1)).ignoreUnavailable(true));
        index.ensureExists();
        return index;
    }

    /** A fresh index under {@code alias} with the customers mapping, every {@code kehu_chinese} analyzer made {@code standard}. */
    static void freshStandard(ElasticsearchClient client, String alias) throws Exception {
        String mapping;
        try (InputStream in = SearchBenchIndexing.class.getResourceAsStream("/elasticsearch/customers_v1.json")) {
            mapping = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"kehu_chinese\"", "\"standard\"");
        }
        String index = alias + "_v1";
        client.indices().delete(delete -> delete.index(index).ignoreUnavailable(true));
        String json = mapping;
        client.indices().create(create -> create.index(index).withJson(new StringReader(json)));
        client.indices().updateAliases(update -> update.actions(action -> action.add(add -> add.index(index).alias(alias))));
    }

    /**
     * Writes the customers' documents in bulks of {@value #BULK_DOCUMENTS}, {@link #CONCURRENT_BULKS} at a time,
     * through the projection's writer (so the documents and their derived fields are what the application writes);
     * returns seconds.
     */
    static double bulk(ElasticsearchClient client, String alias, List<SearchDataGenerator.Customer> customers) throws Exception {
        CustomerSearchWriter writer = new CustomerSearchWriter(client, alias);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_BULKS);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int from = 0; from < customers.size(); from += BULK_DOCUMENTS) {
                List<SearchDataGenerator.Customer> slice = customers.subList(from, Math.min(customers.size(), from + BULK_DOCUMENTS));
                running.add(pool.submit(() -> {
                    List<CustomerSearchDocument> documents = new ArrayList<>(slice.size());
                    slice.forEach(customer -> documents.add(customer.document()));
                    writer.write(documents, false);
                }));
                if (running.size() >= CONCURRENT_BULKS * 2) {
                    running.remove(0).get();
                }
            }
            for (Future<?> future : running) {
                future.get();
            }
            client.indices().refresh(refresh -> refresh.index(alias));
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A backfill: refresh off (and no replicas to write) during the load, the usual 1 s restored after; returns seconds. */
    static double backfill(ElasticsearchClient client, String alias, List<SearchDataGenerator.Customer> customers) throws Exception {
        long start = System.nanoTime();
        client.indices().putSettings(put -> put.index(alias).settings(s -> s.refreshInterval(t -> t.time("-1"))));
        try {
            bulk(client, alias, customers);
        } finally {
            client.indices().putSettings(put -> put.index(alias).settings(s -> s.refreshInterval(t -> t.time("1s"))));
        }
        client.indices().refresh(refresh -> refresh.index(alias));
        return (System.nanoTime() - start) / 1e9;
    }
}
