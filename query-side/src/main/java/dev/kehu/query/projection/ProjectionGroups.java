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
    public static final String RECEIVABLES = "receivables";

    public static final List<String> ALL =
            List.of(CUSTOMER_360, CUSTOMER_LIST, WORKLIST, PIPELINE, VALUE, RISK, SERVICE, RECEIVABLES);

    /**
     * The groups that may be split in segments ({@code kehu.projections.segments}): each of their documents belongs
     * to one customer for good, so sequencing by customer ({@link CustomerSequencing}) keeps every document's events
     * in order. The others stay in one segment: a merge moves follow-ups, complaints and history from the duplicate
     * to the survivor, so one document takes events of two customers, which two segments could apply out of order;
     * {@code receivables} and {@code pipeline} keep totals that sum many customers.
     */
    public static final List<String> SPLITTABLE = List.of(CUSTOMER_LIST, VALUE, RISK);

    /**
     * The Elasticsearch projections' groups (customer search, opportunity reporting): pooled
     * processors configured by their own packages, listed here for {@code GET /api/projections}.
     */
    public static final List<String> ELASTICSEARCH = List.of("customer-search", "opportunity-reporting");

    /** The segments {@code group} runs in when {@code configured} segments are asked for. */
    public static int segments(String group, int configured) {
        return SPLITTABLE.contains(group) ? Math.max(1, configured) : 1;
    }

    private ProjectionGroups() {
    }
}
