package dev.kehu.bench;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.query.search.CustomerSearch;
import dev.kehu.query.search.CustomerSearchCriteria;
import dev.kehu.query.search.CustomerSearchQueryBuilder;
import dev.kehu.query.search.SearchDataGenerator;

/**
 * The search's query shape against the one it replaced, in the same run on the same index, so that the comparison
 * holds on a machine busy with other work (not a test): {@code mvn -q -Pbench -DskipTests verify -pl infra -am
 * -Dbench=SearchQueryShapes}. For every query of {@link SearchBenchQueries#searchKinds}, interleaved and in
 * alternating order: {@code two_phase} = {@link CustomerSearch#search} as the endpoint runs it (fuzzy clauses only
 * in a second request when the first does not fill the page), {@code one_request} = the single request with the
 * fuzzy clauses every search sent before. Through the Java client, without the REST layer. Options by environment:
 * {@code SEARCH_SHAPES_CUSTOMERS} (50,000 × 4 contacts), {@code SEARCH_SHAPES_QUERIES_PER_KIND} (100). Writes
 * {@code bench-results/search-shapes.json}.
 */
public final class SearchQueryShapes {

    private static final String ALIAS = "bench_shapes_customers";

    private SearchQueryShapes() {
    }

    public static void main(String[] args) throws Exception {
        int customerCount = Integer.parseInt(System.getenv().getOrDefault("SEARCH_SHAPES_CUSTOMERS", "50000"));
        int perKind = Integer.parseInt(System.getenv().getOrDefault("SEARCH_SHAPES_QUERIES_PER_KIND", "100"));
        long seed = 20261122L;
        String loadAtStart = Files.readString(Path.of("/proc/loadavg")).strip();
        ElasticsearchClient client = SharedElasticsearch.client();
        List<SearchDataGenerator.Customer> customers = new SearchDataGenerator(seed).customers(customerCount, 4);
        SearchBenchIndexing.fresh(client, ALIAS);
        double seconds = SearchBenchIndexing.bulk(client, ALIAS, customers);
        SearchBenchmark.log("indexed %,d customers in %.1f s", customerCount, seconds);

        CustomerSearch search = new CustomerSearch(client, ALIAS);
        Random random = new Random(seed + 1);
        Map<String, Function<SearchDataGenerator.Customer, String>> kinds = SearchBenchQueries.searchKinds(random);
        Map<String, List<Double>> twoPhase = new LinkedHashMap<>();
        Map<String, List<Double>> oneRequest = new LinkedHashMap<>();
        List<Double> allTwoPhase = new ArrayList<>();
        List<Double> allOneRequest = new ArrayList<>();
        for (int i = -10; i < perKind; i++) { // the first ten rounds warm up
            for (var kind : kinds.entrySet()) {
                CustomerSearchCriteria criteria = criteria(kind.getValue().apply(customers.get(random.nextInt(customers.size()))));
                double a = 0;
                double b = 0;
                if (i % 2 == 0) {
                    a = millis(() -> search.search(criteria));
                    b = millis(() -> client.search(CustomerSearchQueryBuilder.buildWithTypos(ALIAS, criteria), Map.class));
                } else {
                    b = millis(() -> client.search(CustomerSearchQueryBuilder.buildWithTypos(ALIAS, criteria), Map.class));
                    a = millis(() -> search.search(criteria));
                }
                if (i >= 0) {
                    twoPhase.computeIfAbsent(kind.getKey(), k -> new ArrayList<>()).add(a);
                    oneRequest.computeIfAbsent(kind.getKey(), k -> new ArrayList<>()).add(b);
                    allTwoPhase.add(a);
                    allOneRequest.add(b);
                }
            }
        }
        Map<String, Object> perKindResult = new LinkedHashMap<>();
        for (String kind : twoPhase.keySet()) {
            perKindResult.put(kind, Map.of(
                    "two_phase_p50_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(twoPhase.get(kind), 50)),
                    "two_phase_p99_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(twoPhase.get(kind), 99)),
                    "one_request_p50_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(oneRequest.get(kind), 50)),
                    "one_request_p99_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(oneRequest.get(kind), 99))));
            SearchBenchmark.log("%-20s two-phase p50 %6.1f p99 %6.1f | one request p50 %6.1f p99 %6.1f", kind,
                    SearchBenchQueries.percentile(twoPhase.get(kind), 50), SearchBenchQueries.percentile(twoPhase.get(kind), 99),
                    SearchBenchQueries.percentile(oneRequest.get(kind), 50), SearchBenchQueries.percentile(oneRequest.get(kind), 99));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "search-shapes");
        result.put("customers", customerCount);
        result.put("contacts", customerCount * 4);
        result.put("queries_per_shape", allTwoPhase.size());
        result.put("two_phase_p50_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(allTwoPhase, 50)));
        result.put("two_phase_p99_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(allTwoPhase, 99)));
        result.put("one_request_p50_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(allOneRequest, 50)));
        result.put("one_request_p99_ms", SearchBenchQueries.round(SearchBenchQueries.percentile(allOneRequest, 99)));
        result.put("kinds", perKindResult);
        result.put("elasticsearch_heap", System.getenv().getOrDefault("KEHU_TEST_ES_HEAP", "512m"));
        result.put("load_average_start", loadAtStart);
        result.put("load_average_end", Files.readString(Path.of("/proc/loadavg")).strip());
        Path out = Path.of("bench-results", "search-shapes.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        client.indices().delete(delete -> delete.index(ALIAS + "_v1").ignoreUnavailable(true));
        System.exit(0);
    }

    /** The query text, and the filters the mix appends after an {@code &}. */
    private static CustomerSearchCriteria criteria(String query) {
        String q = query;
        String region = null;
        String manager = null;
        int amp = query.indexOf('&');
        if (amp > 0) {
            q = query.substring(0, amp);
            for (String parameter : query.substring(amp + 1).split("&")) {
                String[] pair = parameter.split("=", 2);
                String value = URLDecoder.decode(pair[1], StandardCharsets.UTF_8);
                if (pair[0].equals("region")) {
                    region = value;
                } else if (pair[0].equals("manager")) {
                    manager = value;
                }
            }
        }
        return new CustomerSearchCriteria(q, region, null, manager, null, null, 0, 10);
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static double millis(Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
