package dev.kehu.query.search;

import java.util.List;
import java.util.Map;

/**
 * A page of customers matching a search, best first, with the filter facets.
 *
 * @param total  how many customers match the query and filters (merged customers never count)
 * @param facets for each filter field (region, tier, manager, lifecycle, tags) the values and how
 *               many hits each would give with the other filters applied
 */
public record CustomerSearchResult(
        long total,
        int page,
        int size,
        List<Hit> hits,
        Map<String, List<FacetCount>> facets) {

    /**
     * One customer found. {@code churned} marks a customer who was lost (客户流失) but is still
     * found; {@code highlights} maps an indexed field to fragments with {@code <em>} around what
     * matched; {@code matchedContacts} are the contacts that matched, best first.
     */
    public record Hit(
            String customerId,
            String kind,
            String name,
            String latinName,
            String region,
            String tier,
            String manager,
            String lifecycle,
            List<String> tags,
            boolean churned,
            String churnReason,
            double score,
            Map<String, List<String>> highlights,
            List<MatchedContact> matchedContacts) {
    }

    /** A contact that matched the query, with its own highlights. */
    public record MatchedContact(
            String contactId,
            String name,
            String title,
            List<String> phones,
            List<String> emails,
            boolean primary,
            Map<String, List<String>> highlights) {
    }

    /** A value of a facet and the number of hits with it. */
    public record FacetCount(String value, long count) {
    }
}
