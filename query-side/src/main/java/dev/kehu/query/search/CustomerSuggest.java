package dev.kehu.query.search;

import static dev.kehu.query.search.Clauses.allWords;
import static dev.kehu.query.search.Clauses.anyOf;
import static dev.kehu.query.search.Clauses.constant;
import static dev.kehu.query.search.Clauses.prefix;
import static dev.kehu.query.search.Clauses.term;

import dev.kehu.query.elasticsearch.SearchGuard;
import dev.kehu.query.web.InvalidQueryParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.ChildScoreMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.InnerHitsResult;
import co.elastic.clients.json.JsonData;

/**
 * Type-ahead: the top names for what has been typed so far (京东, 张, jd, zhangs, Acm, 1380013). Cheaper
 * than a search by design: prefix and word clauses only (no fuzzy, no highlights, no facets, no total),
 * the customer's name and kind and the best contact's name as the only fields fetched.
 */
public class CustomerSuggest {

    public static final int MAX_QUERY_LENGTH = 100;
    public static final int MAX_SIZE = 20;
    public static final int DEFAULT_SIZE = 8;

    /** One suggestion: the customer, and the contact whose name or number matched (or null). */
    public record Suggestion(String customerId, String name, String kind, String contactName) {
    }

    private final ElasticsearchClient client;
    private final String index;
    private final SearchGuard guard;

    public CustomerSuggest(ElasticsearchClient client, String index, SearchGuard guard) {
        this.client = client;
        this.index = index;
        this.guard = guard;
    }

    /** Checks the parameters (400 naming them) before Elasticsearch is asked. */
    static String checked(String q, Integer size) {
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) {
            throw new InvalidQueryParameter("q", "must not be blank");
        }
        if (text.length() > MAX_QUERY_LENGTH) {
            throw new InvalidQueryParameter("q", "must be at most " + MAX_QUERY_LENGTH + " characters, got " + text.length());
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new InvalidQueryParameter("size", "must be between 1 and " + MAX_SIZE);
        }
        return text;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public List<Suggestion> suggest(String q, Integer size) {
        String text = checked(q, size);
        SearchRequest request = request(text, size == null ? DEFAULT_SIZE : size);
        SearchResponse<Map> response = guard.call("suggest", () -> client.search(request, Map.class));
        List<Suggestion> suggestions = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            Map<String, Object> source = hit.source();
            String contact = null;
            InnerHitsResult inner = hit.innerHits() == null ? null : hit.innerHits().get(CustomerSearchQueryBuilder.CONTACTS);
            if (inner != null && !inner.hits().hits().isEmpty()) {
                Hit<JsonData> best = inner.hits().hits().get(0);
                contact = best.source() == null ? null : (String) best.source().to(Map.class).get("name");
            }
            suggestions.add(new Suggestion((String) source.get("customerId"), (String) source.get("name"),
                    (String) source.get("kind"), contact));
        }
        return suggestions;
    }

    SearchRequest request(String typed, int size) {
        String text = QueryText.normalize(typed);
        String simplified = QueryText.simplified(text);
        List<Query> customer = new ArrayList<>(clauses("", text));
        List<Query> contact = new ArrayList<>(clauses(CustomerSearchQueryBuilder.CONTACTS + ".", text));
        if (!simplified.equals(text)) {
            customer.addAll(clauses("", simplified));
            contact.addAll(clauses(CustomerSearchQueryBuilder.CONTACTS + ".", simplified));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!ParsedQuery.isHan(text)) {
            customer.add(constant(prefix("latinName.exact", lower), 40));
        }
        Query contacts = Query.of(q -> q.nested(n -> n.path(CustomerSearchQueryBuilder.CONTACTS)
                .query(anyOf(contact)).scoreMode(ChildScoreMode.Max)
                .innerHits(inner -> inner.size(1).source(s -> s.filter(f -> f.includes("contacts.name"))))));
        Query query = Query.of(q -> q.bool(b -> b
                .must(best -> best.disMax(d -> d.queries(anyOf(customer), contacts).tieBreaker(0.1)))
                .mustNot(term("merged", "true"))));
        return SearchRequest.of(r -> r.index(index).size(size).trackTotalHits(t -> t.enabled(false))
                .source(s -> s.filter(f -> f.includes("customerId", "name", "kind")))
                .query(query));
    }

    private static List<Query> clauses(String prefix, String text) {
        List<Query> clauses = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        clauses.add(constant(term(prefix + "name.exact", lower), 100));
        clauses.add(constant(prefix(prefix + "name.exact", lower), 60));
        String digits = PhoneNumbers.queryDigits(text).orElse(null);
        if (digits != null) {
            if (digits.length() >= 3) {
                clauses.add(constant(prefix(prefix + "phones", digits), 50));
            }
            return clauses;
        }
        if (ParsedQuery.isHan(text)) {
            clauses.add(constant(allWords(prefix + "name", text), 30));
            return clauses;
        }
        String letters = lower.replace(" ", "");
        if (letters.matches("[a-z]+")) {
            clauses.add(constant(term(prefix + "pinyinInitials", letters), 55));
            clauses.add(constant(prefix(prefix + "pinyin", letters), 45));
            clauses.add(constant(prefix(prefix + "pinyinInitials", letters), 35));
        }
        clauses.add(constant(Query.of(q -> q.matchBoolPrefix(m -> m.field(prefix + "name.latin").query(text)
                .operator(Operator.And))), 40));
        if (text.contains("@") || text.contains(".")) {
            clauses.add(constant(prefix(prefix + "emails", lower), 50));
        }
        return clauses;
    }
}
