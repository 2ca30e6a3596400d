package dev.kehu.query.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.kehu.query.search.Clauses.allOf;
import static dev.kehu.query.search.Clauses.allWords;
import static dev.kehu.query.search.Clauses.anyOf;
import static dev.kehu.query.search.Clauses.boosted;
import static dev.kehu.query.search.Clauses.constant;
import static dev.kehu.query.search.Clauses.fuzzy;
import static dev.kehu.query.search.Clauses.nested;
import static dev.kehu.query.search.Clauses.prefix;
import static dev.kehu.query.search.Clauses.term;
import static dev.kehu.query.search.Clauses.terms;
import static dev.kehu.query.search.Clauses.wildcard;

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
 * Contact titles are searched; a surname with a title (张经理) and a company word with a person
 * (京东 张三) are {@link CompanyAndPersonClauses}; text in traditional characters is searched as typed
 * and in simplified ones ({@link QueryText}); a search that finds nothing is tried once more as an
 * abbreviation ({@link #abbreviationQuery}).
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

    /**
     * The weight of a fuzzy match, below every other way of matching (the weakest, a pinyin-initials prefix, is 20),
     * so fuzzy matches only ever rank after the hits of the first request and it is enough to ask for them when that
     * request did not fill the page.
     */
    static final float FUZZY = 8;

    private static final Pattern LETTERS_AND_SPACES = Pattern.compile("^[a-zA-Z ]+$");

    private CustomerSearchQueryBuilder() {
    }

    /** The first search request for the index or alias given: exact, word and prefix matches, no typos. */
    public static SearchRequest build(String index, CustomerSearchCriteria criteria) {
        return build(index, criteria, query(criteria.q(), false));
    }

    /**
     * The second request, when the first found too little ({@link CustomerSearch}): the same clauses and fuzzy ones
     * for typos (Jonh Smiht). Fuzzy clauses are what makes a search slow: their terms are looked up in the whole
     * term dictionary, and the highlighter builds their automata again for every hit and every matched contact
     * (docs/search.md, "Why a search is slow").
     */
    public static SearchRequest buildWithTypos(String index, CustomerSearchCriteria criteria) {
        return build(index, criteria, query(criteria.q(), true));
    }

    /**
     * Whether {@link #buildWithTypos} would hold a fuzzy clause: Latin words, or a company word with a person of which
     * one is a Latin word of three letters or more. Otherwise a second request would only repeat the first
     * (an e-mail prefix, Chinese text, a phone).
     */
    static boolean mayHaveTypos(String text) {
        ParsedQuery parsed = ParsedQuery.of(text);
        if (parsed.phoneDigits() != null) {
            return false;
        }
        if (!parsed.latinText().isEmpty()) {
            return true;
        }
        return parsed.words().size() >= 2 && parsed.words().size() <= 4
                && parsed.words().stream().anyMatch(word -> !ParsedQuery.isHan(word) && word.length() >= 3);
    }

    /** The search request with the given scoring query (the abbreviation fallback's), filters, facets and page. */
    static SearchRequest build(String index, CustomerSearchCriteria criteria, Query query) {
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

    /** The scoring query, with fuzzy clauses or not; merged customers are filtered out here, so every count excludes them. */
    static Query query(String text, boolean typos) {
        Query merged = term("merged", "true");
        if (text.isEmpty()) {
            return Query.of(q -> q.bool(b -> b.must(all -> all.matchAll(m -> m)).mustNot(merged)));
        }
        ParsedQuery parsed = ParsedQuery.of(text);
        List<Query> alternatives = new ArrayList<>();
        alternatives.add(anyOf(customerClauses(parsed, typos)));
        Query contactQuery = anyOf(contactClauses(parsed, typos));
        alternatives.add(Query.of(q -> q.nested(nested -> nested
                .path(CONTACTS)
                .query(contactQuery)
                .scoreMode(ChildScoreMode.Max)
                .innerHits(inner -> inner.size(3).highlight(highlight(CONTACTS + "."))))));
        alternatives.addAll(CompanyAndPersonClauses.of(parsed, typos));
        String simplified = QueryText.simplified(parsed.text());
        if (!simplified.equals(parsed.text())) { // 陳小紅 also as 陈小红
            ParsedQuery asSimplified = ParsedQuery.of(simplified);
            alternatives.add(anyOf(customerClauses(asSimplified, typos)));
            alternatives.add(nested(CONTACTS, anyOf(contactClauses(asSimplified, typos))));
            alternatives.addAll(CompanyAndPersonClauses.of(asSimplified, typos));
        }
        return Query.of(q -> q.bool(b -> b
                .must(best -> best.disMax(dis -> dis.queries(alternatives).tieBreaker(TIE_BREAKER)))
                .mustNot(merged)));
    }

    /**
     * The second try when a search finds nothing: the characters of a company abbreviation in order within a
     * name (浦发 → 上海浦东发展银行, 工行 → 中国工商银行), letters within the initials (zjgk → 张江高科). Too
     * loose and too slow (wildcards scan the terms) to run with every search; a search that found something
     * never needs it. Empty when the text is no candidate.
     */
    static Optional<Query> abbreviationQuery(String text) {
        ParsedQuery parsed = ParsedQuery.of(text);
        String typed = parsed.text();
        Query merged = term("merged", "true");
        Query loose;
        if (parsed.oneChineseWord() && typed.length() >= 2 && typed.length() <= 6) {
            loose = wildcard("name.exact", "*" + String.join("*", typed.split("")) + "*");
        } else if (typed.matches("[a-zA-Z]{2,8}")) {
            loose = wildcard("pinyinInitials", "*" + typed.toLowerCase(Locale.ROOT) + "*");
        } else {
            return Optional.empty();
        }
        return Optional.of(Query.of(q -> q.bool(b -> b.must(constant(loose, 5)).mustNot(merged))));
    }

    private static List<Query> customerClauses(ParsedQuery parsed, boolean typos) {
        List<Query> clauses = new ArrayList<>(nameClauses("", parsed, typos));
        clauses.addAll(phoneAndEmailClauses("", parsed));
        if (!parsed.latinText().isEmpty()) {
            String latin = parsed.latinText();
            clauses.add(constant(term("latinName.exact", latin.toLowerCase(Locale.ROOT)), 100));
            clauses.add(constant(prefix("latinName.exact", latin.toLowerCase(Locale.ROOT)), 35));
            Query words = allWords("latinName", latin);
            clauses.add(constant(words, 50));
            clauses.add(boosted(words, 1));
            if (typos) {
                clauses.add(constant(fuzzy("latinName", latin), FUZZY));
            }
            if (latin.contains(" ")) { // Ali Baba, Ten Cent: a Latin name typed in syllables
                clauses.add(constant(term("latinName", latin.replace(" ", "").toLowerCase(Locale.ROOT)), 45));
            }
        }
        return clauses;
    }

    private static List<Query> contactClauses(ParsedQuery parsed, boolean typos) {
        String prefix = CONTACTS + ".";
        List<Query> should = new ArrayList<>(nameClauses(prefix, parsed, typos));
        should.addAll(phoneAndEmailClauses(prefix, parsed));
        if (!parsed.text().isEmpty() && parsed.phoneDigits() == null) {
            Query title = allWords(prefix + "title", parsed.text());
            should.add(constant(title, 30));
            should.add(boosted(title, 5));
            if (parsed.oneChineseWord()) {
                CompanyAndPersonClauses.surnameAndTitle(parsed.text()).ifPresent(should::add);
            }
        }
        if (parsed.lastFour() != null && parsed.phoneDigits() == null && !parsed.text().isEmpty()) {
            List<Query> nameOnly = nameClauses(prefix, parsed, typos);
            Query lastFour = term(prefix + "phoneLastFour", parsed.lastFour());
            should.add(constant(allOf(List.of(anyOf(nameOnly), lastFour)), 150));
        }
        return should;
    }

    private static List<Query> nameClauses(String prefix, ParsedQuery parsed, boolean typos) {
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
            clauses.add(boosted(allWords(prefix + "name", han), 10));
            if (parsed.oneChineseWord() && han.length() <= 4) { // 陈大文 finds 陳大文: the same pinyin
                clauses.add(constant(terms(prefix + "pinyin", Pinyin.ofPersonName(han).full()), 45));
            }
            if (parsed.words().size() == 1) { // 长江实业 finds 長江實業(集團)有限公司: the pinyin it starts with
                Pinyin.ofText(han).full().stream().findFirst()
                        .ifPresent(pinyin -> clauses.add(constant(prefix(prefix + "pinyin", pinyin), 20)));
            }
        }
        if (!parsed.latinText().isEmpty()) {
            String latin = parsed.latinText();
            Query words = allWords(prefix + "name.latin", latin);
            clauses.add(constant(words, 50));
            clauses.add(boosted(words, 1));
            clauses.add(constant(Query.of(q -> q.matchBoolPrefix(m -> m.field(prefix + "name.latin").query(latin).operator(Operator.And))), 30));
            if (typos) {
                clauses.add(constant(fuzzy(prefix + "name.latin", latin), FUZZY));
            }
            if (latin.contains(" ")) {
                clauses.add(constant(term(prefix + "name.latin", latin.replace(" ", "").toLowerCase(Locale.ROOT)), 45));
            }
            if (LETTERS_AND_SPACES.matcher(latin).matches() && parsed.hanText().isEmpty()) {
                String pinyin = latin.toLowerCase(Locale.ROOT).replace(" ", "");
                clauses.add(constant(term(prefix + "pinyin", pinyin), 80));
                clauses.add(constant(term(prefix + "pinyinInitials", pinyin), 60));
                if (pinyin.length() >= 3) {
                    clauses.add(constant(prefix(prefix + "pinyin", pinyin), 25));
                }
                if (pinyin.length() >= 2 && pinyin.length() <= 8) {
                    clauses.add(constant(prefix(prefix + "pinyinInitials", pinyin), 20));
                }
            }
        }
        return clauses;
    }

    private static List<Query> phoneAndEmailClauses(String prefix, ParsedQuery parsed) {
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
        if (!text.isEmpty() && !text.contains(" ") && !ParsedQuery.isHan(text) && parsed.phoneDigits() == null) {
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
}
