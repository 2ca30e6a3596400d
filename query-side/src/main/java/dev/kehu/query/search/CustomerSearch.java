package dev.kehu.query.search;

import dev.kehu.query.elasticsearch.SearchGuard;
import dev.kehu.query.elasticsearch.SearchUnavailable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.InnerHitsResult;
import co.elastic.clients.json.JsonData;

/**
 * Runs customer searches against the {@code customers} alias and shapes the answer. A search is one request
 * of exact, word and prefix matches; only when that does not fill the page, a second one adds fuzzy matches
 * (typos), and only when nothing at all was found, a third looks for an abbreviation. Every call goes
 * through the {@link SearchGuard} (bounded concurrency, circuit breaker), so a slow or dead
 * Elasticsearch answers 503 quickly instead of holding web threads.
 */
public class CustomerSearch {

    private final ElasticsearchClient client;
    private final String index;
    private final SearchGuard guard;

    /** With a guard of its own with default limits (tests, benchmarks). */
    public CustomerSearch(ElasticsearchClient client, String index) {
        this(client, index, SearchGuard.withDefaults());
    }

    public CustomerSearch(ElasticsearchClient client, String index, SearchGuard guard) {
        this.client = client;
        this.index = index;
        this.guard = guard;
    }

    /**
     * Searches; throws {@link SearchUnavailable} when Elasticsearch cannot answer, is too busy, or failed
     * so recently that trying would only hold the caller.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public CustomerSearchResult search(CustomerSearchCriteria criteria) {
        var request = CustomerSearchQueryBuilder.build(index, criteria);
        SearchResponse<Map> response = guard.call("customer search", () -> client.search(request, Map.class));
        if (pageNotFilled(response, criteria) && CustomerSearchQueryBuilder.mayHaveTypos(criteria.q())) {
            var withTypos = CustomerSearchQueryBuilder.buildWithTypos(index, criteria);
            response = guard.call("customer search", () -> client.search(withTypos, Map.class));
        }
        if (nothingFound(response) && !criteria.q().isEmpty()) {
            var abbreviation = CustomerSearchQueryBuilder.abbreviationQuery(criteria.q());
            if (abbreviation.isPresent()) {
                var second = CustomerSearchQueryBuilder.build(index, criteria, abbreviation.get());
                response = guard.call("customer search", () -> client.search(second, Map.class));
            }
        }
        List<CustomerSearchResult.Hit> hits = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            hits.add(toHit(hit));
        }
        Map<String, List<CustomerSearchResult.FacetCount>> facets = new LinkedHashMap<>();
        for (String facet : CustomerSearchQueryBuilder.FACETS) {
            Aggregate filtered = response.aggregations().get(facet);
            List<CustomerSearchResult.FacetCount> counts = new ArrayList<>();
            if (filtered != null) {
                Aggregate values = filtered.filter().aggregations().get("values");
                for (StringTermsBucket bucket : values.sterms().buckets().array()) {
                    counts.add(new CustomerSearchResult.FacetCount(bucket.key().stringValue(), bucket.docCount()));
                }
            }
            facets.put(facet, counts);
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new CustomerSearchResult(total, criteria.page(), criteria.size(), hits, facets);
    }

    /**
     * Whether the first request found fewer hits than the pages up to this one hold. Only then are typos looked for:
     * a fuzzy match ranks after every hit of the first request ({@link CustomerSearchQueryBuilder#FUZZY}), so on a
     * filled page it would change nothing but the total.
     */
    @SuppressWarnings("rawtypes")
    private static boolean pageNotFilled(SearchResponse<Map> response, CustomerSearchCriteria criteria) {
        return response.hits().total() != null
                && response.hits().total().value() < (long) (criteria.page() + 1) * criteria.size();
    }

    @SuppressWarnings("rawtypes")
    private static boolean nothingFound(SearchResponse<Map> response) {
        return response.hits().total() != null && response.hits().total().value() == 0;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static CustomerSearchResult.Hit toHit(Hit<Map> hit) {
        Map<String, Object> source = hit.source();
        List<CustomerSearchResult.MatchedContact> contacts = new ArrayList<>();
        InnerHitsResult inner = hit.innerHits() == null ? null : hit.innerHits().get(CustomerSearchQueryBuilder.CONTACTS);
        if (inner != null) {
            for (Hit<JsonData> contactHit : inner.hits().hits()) {
                Map<String, Object> contact = contactHit.source().to(Map.class);
                contacts.add(new CustomerSearchResult.MatchedContact(
                        (String) contact.get("contactId"),
                        (String) contact.get("name"),
                        (String) contact.get("title"),
                        (List<String>) contact.getOrDefault("phones", List.of()),
                        (List<String>) contact.getOrDefault("emails", List.of()),
                        Boolean.TRUE.equals(contact.get("primary")),
                        withoutPrefix(contactHit.highlight(), CustomerSearchQueryBuilder.CONTACTS + ".")));
            }
        }
        return new CustomerSearchResult.Hit(
                (String) source.get("customerId"),
                (String) source.get("kind"),
                (String) source.get("name"),
                (String) source.get("latinName"),
                (String) source.get("region"),
                (String) source.get("tier"),
                (String) source.get("manager"),
                (String) source.get("lifecycle"),
                (List<String>) source.getOrDefault("tags", List.of()),
                Boolean.TRUE.equals(source.get("churned")),
                (String) source.get("churnReason"),
                hit.score() == null ? 0 : hit.score(),
                hit.highlight(),
                contacts);
    }

    private static Map<String, List<String>> withoutPrefix(Map<String, List<String>> highlights, String prefix) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        highlights.forEach((field, fragments) ->
                result.put(field.startsWith(prefix) ? field.substring(prefix.length()) : field, fragments));
        return result;
    }
}
