package dev.kehu.bench.drills;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kehu.query.search.CustomerSearchConfiguration;

/**
 * The customers index read directly from the embedded Elasticsearch node over HTTP (a scroll over every document),
 * and the search endpoint of the application asked for one customer.
 */
public final class SearchIndex {

    private static final int PAGE = 1000;
    private static final int MAX_PAGES = 1000;

    private SearchIndex() {
    }

    /** The ids ({@code _id} = customer id) of every document in the customers index. */
    public static Set<String> customerIds(Http http, String elasticsearchUrl) {
        Set<String> ids = new HashSet<>();
        // what was indexed in the last second is searchable only after a refresh
        http.send("POST", elasticsearchUrl + "/" + CustomerSearchConfiguration.ALIAS + "/_refresh", Http.json(Map.of()),
                Map.of(), Duration.ofSeconds(60));
        Http.Answer page = http.send("POST", elasticsearchUrl + "/" + CustomerSearchConfiguration.ALIAS
                        + "/_search?scroll=1m", Http.json(Map.of("size", PAGE, "_source", false,
                        "sort", java.util.List.of("_doc"))), Map.of(), Duration.ofSeconds(60));
        for (int i = 0; i < MAX_PAGES; i++) {
            if (page.status() != 200) {
                throw new IllegalStateException("reading the customers index failed: " + page.label() + " "
                        + page.body() + " " + (page.error() == null ? "" : page.error()));
            }
            JsonNode body = page.json();
            JsonNode hits = body.path("hits").path("hits");
            if (hits.isEmpty()) {
                break;
            }
            hits.forEach(hit -> ids.add(hit.get("_id").asText()));
            page = http.send("POST", elasticsearchUrl + "/_search/scroll",
                    Http.json(Map.of("scroll", "1m", "scroll_id", body.get("_scroll_id").asText())),
                    Map.of(), Duration.ofSeconds(60));
        }
        return ids;
    }

    /** Whether {@code GET /api/search/customers?q=…} answers 200 and lists the customer among its hits. */
    public static boolean finds(Http http, String baseUrl, String query, String customerId) {
        Http.Answer answer = http.get(baseUrl + "/api/search/customers?size=100&q="
                + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8), Duration.ofSeconds(10));
        if (answer.status() != 200) {
            return false;
        }
        for (JsonNode hit : answer.json().path("hits")) {
            if (customerId.equals(hit.path("customerId").asText())) {
                return true;
            }
        }
        return false;
    }
}
