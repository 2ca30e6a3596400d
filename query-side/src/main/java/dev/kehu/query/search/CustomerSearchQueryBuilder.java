package dev.kehu.query.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch._types.query_dsl.ChildScoreMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.search.Highlight;
import co.elastic.clients.elasticsearch.core.search.HighlightField;

/**
 * Turns {@link CustomerSearchCriteria} into one Elasticsearch request.
 *
 * <p>Ranking: every way of matching is a {@code should} clause with a fixed weight, so that exact
 * beats prefix beats fuzzy whatever the term statistics are. Exact keyword matches (whole name,
 * pinyin, e-mail, phone) are {@code constant_score} 100/80/60; prefixes ("Acm", "138001",
 * "zhang.s") 30–40; whole Latin words 50 (plus BM25 × 1 to order equal matches); Chinese words
 * ({@code kehu_chinese}) by BM25 × 10 (typically 10–40); fuzzy Latin matches (fuzziness AUTO: one
 * edit for 3–5 letters, two from 6, first letter fixed) are {@code constant_score} 8. A match
 * satisfies several clauses and the scores add up: a whole name ≈ 230, a whole word ≈ 90, a prefix
 * 30–70, a typo 8. The customer's own fields and its best contact are combined with
 * {@code dis_max} (tie breaker {@value #TIE_BREAKER}), so matching weakly in two places does not
 * beat matching exactly in one.
 *
 * <p>Which clauses run depends on what was typed: Chinese text goes only to the
 * {@code kehu_chinese} fields (so 北京 never matches 京东 through single characters of the
 * standard analyzer); Latin words go to the standard and keyword fields, fuzzy matching and — when
 * the text is letters only — pinyin; a text that looks like a phone number goes to the normalized
 * phone fields; a four-digit token next to a name ("张三 8000") must match the last four digits
 * of the same contact that matches the name (a nested query: that is why contacts are nested).
 *
 * <p>Filters: merged customers are always excluded. The chosen region/tier/manager/lifecycle/tag
 * filters go into {@code post_filter}, and each facet is computed with every filter except its own,
 * so a facet shows how many hits choosing another value would give.
 */
public final class CustomerSearchQueryBuilder {

    static final String CONTACTS = "contacts";
    static final List<String> FACETS = List.of("region", "tier", "manager", "lifecycle", "tags");

    /** How much the weaker of customer-level and contact-level matches adds to the stronger. */
    static final double TIE_BREAKER = 0.2;

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern LAST_FOUR = Pattern.compile("^[0-9]{4}$");
    private static final Pattern LATIN_WORD = Pattern.compile("^[\\p{IsLatin}0-9'’.\\-_]+$");
    private static final Pattern LETTERS_AND_SPACES = Pattern.compile("^[a-zA-Z ]+$");

    private CustomerSearchQueryBuilder() {
    }

    /** The search request for the index or alias given. */
    public static SearchRequest build(String index, CustomerSearchCriteria criteria) {
        Query query = query(criteria.q());
        Map<String, String> filters = filters(criteria);
        return SearchRequest.of(request -> {
            request.index(index)
                    .from(criteria.page() * criteria.size())
                    .size(criteria.size())
                    .trackTotalHits(total -> total.enabled(true))
                    .query(query)
                    .highlight(highlight(""));
            if (!filters.isEmpty()) {
                request.postFilter(allFiltersExcept(filters, null));
            }
            for (String facet : FACETS) {
                request.aggregations(facet, aggregation -> aggregation
                        .filter(allFiltersExcept(filters, facet))
                        .aggregations("values", values -> values.terms(terms -> terms.field(facet).size(20))));
            }
            return request;
        });
    }

    /** The filter values chosen, by field name. */
    static Map<String, String> filters(CustomerSearchCriteria criteria) {
        Map<String, String> filters = new LinkedHashMap<>();
        putIfPresent(filters, "region", criteria.region());
        putIfPresent(filters, "tier", criteria.tier());
        putIfPresent(filters, "manager", criteria.manager());
        putIfPresent(filters, "lifecycle", criteria.lifecycle());
        putIfPresent(filters, "tags", criteria.tag());
        return filters;
    }

    private static void putIfPresent(Map<String, String> filters, String field, String value) {
        if (value != null && !value.isBlank()) {
            filters.put(field, value.strip());
        }
    }

    private static Query allFiltersExcept(Map<String, String> filters, String excluded) {
        List<Query> terms = new ArrayList<>();
        filters.forEach((field, value) -> {
            if (!field.equals(excluded)) {
                terms.add(term(field, value));
            }
        });
        return Query.of(q -> q.bool(b -> b.filter(terms)));
    }

    /** The scoring query; merged customers are filtered out here, so every count excludes them. */
    static Query query(String text) {
        Query merged = term("merged", "true");
        if (text.isEmpty()) {
            return Query.of(q -> q.bool(b -> b.must(all -> all.matchAll(m -> m)).mustNot(merged)));
        }
        List<Query> customerClauses = customerClauses(text);
        Query customer = Query.of(q -> q.bool(b -> b.should(customerClauses).minimumShouldMatch("1")));
        Query contactQuery = contactQuery(text);
        Query contacts = Query.of(q -> q.nested(nested -> nested
                .path(CONTACTS)
                .query(contactQuery)
                .scoreMode(ChildScoreMode.Max)
                .innerHits(inner -> inner.size(3).highlight(highlight(CONTACTS + ".")))));
        return Query.of(q -> q.bool(b -> b
                .must(best -> best.disMax(dis -> dis.queries(customer, contacts).tieBreaker(TIE_BREAKER)))
                .mustNot(merged)));
    }

    /** What was typed, split into the parts the clauses need. */
    record Parsed(String text, String hanText, String latinText, String lastFour, String phoneDigits,
                  Optional<String> phone) {

        static Parsed of(String raw) {
            String text = raw.strip();
            Optional<String> phone = PhoneNumbers.normalize(text);
            String phoneDigits = PhoneNumbers.queryDigits(text).orElse(null);
            if (phoneDigits != null) {
                return new Parsed(text, "", "", LAST_FOUR.matcher(phoneDigits).matches() ? phoneDigits : null,
                        phoneDigits, phone);
            }
            List<String> words = new ArrayList<>();
            List<String> han = new ArrayList<>();
            List<String> latin = new ArrayList<>();
            String lastFour = null;
            for (String token : text.split("\\s+")) {
                if (LAST_FOUR.matcher(token).matches() && lastFour == null) {
                    lastFour = token;
                    continue;
                }
                words.add(token);
                if (HAN.matcher(token).find()) {
                    han.add(token);
                } else if (LATIN_WORD.matcher(token).matches()) {
                    latin.add(token);
                }
            }
            return new Parsed(String.join(" ", words), String.join(" ", han), String.join(" ", latin), lastFour,
                    null, Optional.empty());
        }
    }

    private static List<Query> customerClauses(String raw) {
        Parsed parsed = Parsed.of(raw);
        List<Query> clauses = new ArrayList<>(nameClauses("", parsed));
        clauses.addAll(phoneAndEmailClauses("", parsed));
        if (!parsed.latinText().isEmpty()) {
            String latin = parsed.latinText();
            clauses.add(constant(term("latinName.exact", latin.toLowerCase(Locale.ROOT)), 100));
            clauses.add(constant(prefix("latinName.exact", latin.toLowerCase(Locale.ROOT)), 35));
            Query words = Query.of(q -> q.match(m -> m.field("latinName").query(latin).operator(Operator.And)));
            clauses.add(constant(words, 50));
            clauses.add(boosted(words, 1));
            clauses.add(constant(fuzzy("latinName", latin), 8));
        }
        return clauses;
    }

    private static Query contactQuery(String raw) {
        Parsed parsed = Parsed.of(raw);
        List<Query> should = new ArrayList<>(nameClauses(CONTACTS + ".", parsed));
        should.addAll(phoneAndEmailClauses(CONTACTS + ".", parsed));
        if (parsed.lastFour() != null && parsed.phoneDigits() == null && !parsed.text().isEmpty()) {
            List<Query> nameOnly = nameClauses(CONTACTS + ".", parsed);
            Query lastFour = term(CONTACTS + ".phoneLastFour", parsed.lastFour());
            should.add(constant(Query.of(q -> q.bool(b -> b
                    .must(name -> name.bool(n -> n.should(nameOnly).minimumShouldMatch("1")))
                    .must(lastFour))), 150));
        }
        return Query.of(q -> q.bool(b -> b.should(should).minimumShouldMatch("1")));
    }

    private static List<Query> nameClauses(String prefix, Parsed parsed) {
        List<Query> clauses = new ArrayList<>();
        String text = parsed.text();
        if (text.isEmpty()) {
            return clauses;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        clauses.add(constant(term(prefix + "name.exact", lower), 100));
        clauses.add(constant(prefix(prefix + "name.exact", lower), 40));
        if (!parsed.hanText().isEmpty()) {
            String han = parsed.hanText();
            clauses.add(boosted(Query.of(q -> q.match(m -> m.field(prefix + "name").query(han).operator(Operator.And))), 10));
        }
        if (!parsed.latinText().isEmpty()) {
            String latin = parsed.latinText();
            Query words = Query.of(q -> q.match(m -> m.field(prefix + "name.latin").query(latin).operator(Operator.And)));
            clauses.add(constant(words, 50));
            clauses.add(boosted(words, 1));
            clauses.add(constant(Query.of(q -> q.matchBoolPrefix(m -> m.field(prefix + "name.latin").query(latin).operator(Operator.And))), 30));
            clauses.add(constant(fuzzy(prefix + "name.latin", latin), 8));
            if (LETTERS_AND_SPACES.matcher(latin).matches() && parsed.hanText().isEmpty()) {
                String pinyin = latin.toLowerCase(Locale.ROOT).replace(" ", "");
                clauses.add(constant(term(prefix + "pinyin", pinyin), 80));
                clauses.add(constant(term(prefix + "pinyinInitials", pinyin), 60));
                if (pinyin.length() >= 3) {
                    clauses.add(constant(prefix(prefix + "pinyin", pinyin), 25));
                }
            }
        }
        return clauses;
    }

    private static List<Query> phoneAndEmailClauses(String prefix, Parsed parsed) {
        List<Query> clauses = new ArrayList<>();
        parsed.phone().ifPresent(phone -> clauses.add(constant(terms(prefix + "phones", PhoneNumbers.searchForms(phone)), 100)));
        if (parsed.phoneDigits() != null) {
            if (parsed.phoneDigits().length() >= 3) {
                clauses.add(constant(prefix(prefix + "phones", parsed.phoneDigits()), 40));
            }
            if (parsed.lastFour() != null) {
                clauses.add(constant(term(prefix + "phoneLastFour", parsed.lastFour()), 30));
            }
        }
        String text = parsed.text();
        if (!text.isEmpty() && !text.contains(" ") && !HAN.matcher(text).find()) {
            String lower = text.toLowerCase(Locale.ROOT);
            clauses.add(constant(term(prefix + "emails", lower), 100));
            if (lower.length() >= 2) {
                clauses.add(constant(prefix(prefix + "emails", lower), 35));
            }
        }
        return clauses;
    }

    private static Highlight highlight(String prefix) {
        HighlightField plain = HighlightField.of(field -> field);
        return Highlight.of(h -> h
                .preTags("<em>").postTags("</em>")
                // only fields a clause matched on: highlighting every field with every query term (false)
                // cost 2–3× the whole search for pinyin queries in the benchmark
                .requireFieldMatch(true)
                .fields(prefix + "name", plain)
                .fields(prefix + "name.latin", plain)
                .fields(prefix + "name.exact", plain)
                .fields(prefix + "pinyin", plain)
                .fields(prefix + "pinyinInitials", plain)
                .fields(prefix + "phones", plain)
                .fields(prefix + "emails", plain)
                .fields(prefix.isEmpty() ? "latinName" : prefix + "title", plain));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query terms(String field, List<String> values) {
        List<co.elastic.clients.elasticsearch._types.FieldValue> fieldValues =
                values.stream().map(co.elastic.clients.elasticsearch._types.FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(fieldValues))));
    }

    private static Query prefix(String field, String value) {
        return Query.of(q -> q.prefix(p -> p.field(field).value(value)));
    }

    private static Query fuzzy(String field, String text) {
        return Query.of(q -> q.match(m -> m.field(field).query(text).operator(Operator.And)
                .fuzziness("AUTO").prefixLength(1).maxExpansions(50)));
    }

    private static Query constant(Query filter, float boost) {
        return Query.of(q -> q.constantScore(c -> c.filter(filter).boost(boost)));
    }

    private static Query boosted(Query query, float boost) {
        return Query.of(q -> q.bool(b -> b.must(query).boost(boost)));
    }
}
