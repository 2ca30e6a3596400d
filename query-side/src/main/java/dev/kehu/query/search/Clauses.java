package dev.kehu.query.search;

import java.util.List;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;

/** Small builders for the query clauses search uses, so the query code reads as what it matches. */
final class Clauses {

    private Clauses() {
    }

    static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    static Query terms(String field, List<String> values) {
        List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(fieldValues))));
    }

    static Query prefix(String field, String value) {
        return Query.of(q -> q.prefix(p -> p.field(field).value(value)));
    }

    /** Every word of the text in the field (analysed). */
    static Query allWords(String field, String text) {
        return Query.of(q -> q.match(m -> m.field(field).query(text).operator(Operator.And)));
    }

    /** Any word of the text in the field (analysed). */
    static Query anyWord(String field, String text) {
        return Query.of(q -> q.match(m -> m.field(field).query(text).operator(Operator.Or)));
    }

    static Query fuzzy(String field, String text) {
        return Query.of(q -> q.match(m -> m.field(field).query(text).operator(Operator.And)
                .fuzziness("AUTO").prefixLength(1).maxExpansions(50)));
    }

    static Query wildcard(String field, String pattern) {
        return Query.of(q -> q.wildcard(w -> w.field(field).value(pattern)));
    }

    static Query constant(Query filter, float boost) {
        return Query.of(q -> q.constantScore(c -> c.filter(filter).boost(boost)));
    }

    static Query boosted(Query query, float boost) {
        return Query.of(q -> q.bool(b -> b.must(query).boost(boost)));
    }

    static Query anyOf(List<Query> queries) {
        return Query.of(q -> q.bool(b -> b.should(queries).minimumShouldMatch("1")));
    }

    static Query allOf(List<Query> queries) {
        return Query.of(q -> q.bool(b -> b.must(queries)));
    }

    static Query nested(String path, Query query) {
        return Query.of(q -> q.nested(n -> n.path(path).query(query)));
    }
}
