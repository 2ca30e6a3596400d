package dev.kehu.query.projection;

import java.util.List;

/** Names of the processing groups of the MongoDB read side, one tracking processor each. */
public final class ProjectionGroups {

    public static final String CUSTOMER_360 = "customer-360";
    public static final String CUSTOMER_LIST = "customer-list";
    public static final String WORKLIST = "worklist";
    public static final String PIPELINE = "pipeline";
    public static final String VALUE = "value";
    public static final String RISK = "risk";
    public static final String SERVICE = "service";

    public static final List<String> ALL =
            List.of(CUSTOMER_360, CUSTOMER_LIST, WORKLIST, PIPELINE, VALUE, RISK, SERVICE);

    /**
     * The Elasticsearch projections' groups (customer search, opportunity reporting): pooled
     * processors configured by their own packages, listed here for {@code GET /api/projections}.
     */
    public static final List<String> ELASTICSEARCH = List.of("customer-search", "opportunity-reporting");

    private ProjectionGroups() {
    }
}
