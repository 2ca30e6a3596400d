package dev.kehu.query.reporting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.kehu.events.opportunity.Stage;
import dev.kehu.query.elasticsearch.SearchGuard;
import dev.kehu.query.elasticsearch.SearchUnavailable;

/**
 * Ad-hoc pipeline reports from Elasticsearch aggregations over the {@code opportunities} alias:
 * filter by period, region, industry, tier, owner, stage and status, group by one or two
 * dimensions, and sum amounts and weighted amounts per currency (sums of the precomputed
 * {@code amountMinor} and {@code weightedAmountMinor} longs — exact; no scripts).
 *
 * <p>Groups come sorted by their keys: stages in pipeline order, everything else alphabetically
 * (months chronologically), so two reports of the same slice compare line by line.
 */
public class OpportunityReports {

    public static final String NONE = "(none)";
    private static final int MAX_GROUPS = 10_000;

    private final ElasticsearchClient client;
    private final String index;
    private final SearchGuard guard;

    /** With a guard of its own with default limits (tests). */
    public OpportunityReports(ElasticsearchClient client, String index) {
        this(client, index, SearchGuard.withDefaults());
    }

    /** {@code guard}: the one customer search uses too (bounded concurrency, circuit breaker; 503 when refused). */
    public OpportunityReports(ElasticsearchClient client, String index, SearchGuard guard) {
        this.client = client;
        this.index = index;
        this.guard = guard;
    }

    /** The report; throws {@link SearchUnavailable} when Elasticsearch cannot answer or the guard refuses. */
    public OpportunityReport report(OpportunityReportCriteria criteria) {
        SearchRequest request = request(criteria);
        SearchResponse<Void> response = guard.call("opportunity report", () -> client.search(request, Void.class));
        List<String> groupBy = criteria.groupBy().stream().map(ReportDimension::field).toList();
        OpportunityReport.Group total = new OpportunityReport.Group(Map.of(),
                response.hits().total() == null ? 0 : response.hits().total().value(),
                figures(response.aggregations().get("currencies")));
        List<OpportunityReport.Group> groups = new ArrayList<>();
        if (!groupBy.isEmpty()) {
            collect(response.aggregations().get("g0"), groupBy, 0, new LinkedHashMap<>(), groups);
        }
        groups.sort(groupOrder(groupBy));
        return new OpportunityReport(groupBy, total, groups);
    }

    SearchRequest request(OpportunityReportCriteria criteria) {
        List<Query> filters = new ArrayList<>();
        if (criteria.from() != null || criteria.to() != null) {
            filters.add(Query.of(q -> q.range(range -> range.date(date -> {
                date.field("closeDate");
                if (criteria.from() != null) {
                    date.gte(criteria.from().toString());
                }
                if (criteria.to() != null) {
                    date.lte(criteria.to().toString());
                }
                return date;
            }))));
        }
        terms(filters, "region", criteria.regions());
        terms(filters, "industry", criteria.industries());
        terms(filters, "tier", criteria.tiers());
        terms(filters, "owner", criteria.owners());
        terms(filters, "stage", criteria.stages());
        terms(filters, "status", criteria.statuses());
        Aggregation currencies = Aggregation.of(a -> a
                .terms(t -> t.field("currency").size(100))
                .aggregations("amount", sum -> sum.sum(s -> s.field("amountMinor")))
                .aggregations("weighted", sum -> sum.sum(s -> s.field("weightedAmountMinor"))));
        Aggregation grouped = currencies;
        List<ReportDimension> dimensions = criteria.groupBy();
        for (int level = dimensions.size() - 1; level >= 0; level--) {
            String field = dimensions.get(level).field();
            Aggregation inner = grouped;
            String innerName = level == dimensions.size() - 1 ? "currencies" : "g" + (level + 1);
            grouped = Aggregation.of(a -> a
                    .terms(t -> t.field(field).size(MAX_GROUPS).missing(FieldValue.of(NONE)))
                    .aggregations(innerName, inner));
        }
        Aggregation top = grouped;
        return SearchRequest.of(request -> {
            request.index(index).size(0).trackTotalHits(total -> total.enabled(true))
                    .query(q -> q.bool(b -> b.filter(filters)))
                    .aggregations("currencies", currencies);
            if (!dimensions.isEmpty()) {
                request.aggregations("g0", top);
            }
            return request;
        });
    }

    private static void terms(List<Query> filters, String field, List<String> values) {
        if (!values.isEmpty()) {
            List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
            filters.add(Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(fieldValues)))));
        }
    }

    private static void collect(Aggregate aggregate, List<String> groupBy, int level, Map<String, String> keys,
                                List<OpportunityReport.Group> groups) {
        for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
            Map<String, String> bucketKeys = new LinkedHashMap<>(keys);
            bucketKeys.put(groupBy.get(level), bucket.key().stringValue());
            if (level == groupBy.size() - 1) {
                groups.add(new OpportunityReport.Group(bucketKeys, bucket.docCount(),
                        figures(bucket.aggregations().get("currencies"))));
            } else {
                collect(bucket.aggregations().get("g" + (level + 1)), groupBy, level + 1, bucketKeys, groups);
            }
        }
    }

    private static List<OpportunityReport.Figures> figures(Aggregate currencies) {
        List<OpportunityReport.Figures> figures = new ArrayList<>();
        for (StringTermsBucket bucket : currencies.sterms().buckets().array()) {
            figures.add(new OpportunityReport.Figures(bucket.key().stringValue(), bucket.docCount(),
                    hundredths(bucket.aggregations().get("amount").sum().value()),
                    hundredths(bucket.aggregations().get("weighted").sum().value())));
        }
        figures.sort(Comparator.comparing(OpportunityReport.Figures::currency));
        return figures;
    }

    private static BigDecimal hundredths(double sumOfMinorUnits) {
        return BigDecimal.valueOf(Math.round(sumOfMinorUnits), 2);
    }

    private static Comparator<OpportunityReport.Group> groupOrder(List<String> groupBy) {
        Comparator<OpportunityReport.Group> order = (a, b) -> 0;
        for (String dimension : groupBy) {
            Comparator<String> values = "stage".equals(dimension) ? OpportunityReports::compareStages : Comparator.naturalOrder();
            order = order.thenComparing(group -> group.keys().get(dimension), values);
        }
        return order;
    }

    private static int compareStages(String a, String b) {
        return Integer.compare(stageOrder(a), stageOrder(b));
    }

    private static int stageOrder(String stage) {
        try {
            return Stage.valueOf(stage).ordinal();
        } catch (IllegalArgumentException unknown) {
            return Integer.MAX_VALUE;
        }
    }
}
