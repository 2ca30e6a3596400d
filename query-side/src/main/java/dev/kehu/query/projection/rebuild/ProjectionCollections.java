package dev.kehu.query.projection.rebuild;

import dev.kehu.query.customer360.Customer360Projection;
import dev.kehu.query.customerlist.CustomerListKeys;
import dev.kehu.query.customerlist.CustomerListProjection;
import dev.kehu.query.opportunity.OpportunityDetailProjection;
import dev.kehu.query.pipeline.OpportunityListKeys;
import dev.kehu.query.pipeline.PipelineProjection;
import dev.kehu.query.pipeline.PipelineTotals;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.risk.RiskProjection;
import dev.kehu.query.receivables.ReceivablesProjection;
import dev.kehu.query.reporting.OpportunityReportProjection;
import dev.kehu.query.reporting.ReportingCustomerLookup;
import dev.kehu.query.search.CustomerSearchProjection;
import dev.kehu.query.service.ServiceProjection;
import dev.kehu.query.service.ServiceRequestProjection;
import dev.kehu.query.value.ValueProjection;
import dev.kehu.query.worklist.WorklistProjection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collections each MongoDB view group writes (and those the groups writing an Elasticsearch index keep beside it): what a rebuild builds as a new version and what the version
 * switch renames for queries. ({@code customer_360_snapshots} is not here: as-of requests write it, keyed by the
 * fold's revision, not the group.) A rebuild fails loudly when a group's handlers touch a collection not listed.
 */
public final class ProjectionCollections {

    public static final Map<String, List<String>> BY_GROUP = byGroup();

    /**
     * The groups that write an Elasticsearch index, with the MongoDB collections they keep beside it: a rebuild builds
     * a new index and new versions of these collections, and switches both at once ({@code IndexRebuild}).
     */
    public static final Map<String, List<String>> INDEXED = Map.of(
            CustomerSearchProjection.PROCESSING_GROUP, List.of(),
            OpportunityReportProjection.PROCESSING_GROUP, List.of(ReportingCustomerLookup.COLLECTION));

    private static final Map<String, String> GROUP_OF = groupOf();

    private ProjectionCollections() {
    }

    private static Map<String, List<String>> byGroup() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put(ProjectionGroups.CUSTOMER_360, List.of(Customer360Projection.COLLECTION, Customer360Projection.OPPORTUNITIES,
                Customer360Projection.LINKS, OpportunityDetailProjection.COLLECTION));
        groups.put(ProjectionGroups.CUSTOMER_LIST, List.of(CustomerListProjection.COLLECTION, CustomerListKeys.COLLECTION));
        groups.put(ProjectionGroups.WORKLIST, List.of(WorklistProjection.FOLLOW_UPS, WorklistProjection.CUSTOMERS,
                WorklistProjection.OPPORTUNITIES));
        groups.put(ProjectionGroups.PIPELINE, List.of(PipelineProjection.OPPORTUNITIES, PipelineProjection.CUSTOMERS,
                PipelineTotals.COLLECTION, OpportunityListKeys.COLLECTION));
        groups.put(ProjectionGroups.VALUE, List.of(ValueProjection.COLLECTION));
        groups.put(ProjectionGroups.RISK, List.of(RiskProjection.COLLECTION, RiskProjection.OPPORTUNITIES));
        groups.put(ProjectionGroups.SERVICE, List.of(ServiceProjection.CUSTOMERS, ServiceProjection.COMPLAINTS, ServiceProjection.SCORES,
                ServiceRequestProjection.REQUESTS, ServiceRequestProjection.SCHEDULE, ServiceRequestProjection.STATS));
        groups.put(ProjectionGroups.RECEIVABLES, List.of(ReceivablesProjection.CUSTOMERS, ReceivablesProjection.GROUPS));
        return Map.copyOf(groups);
    }

    private static Map<String, String> groupOf() {
        Map<String, String> groups = new LinkedHashMap<>();
        BY_GROUP.forEach((group, collections) -> collections.forEach(collection -> groups.put(collection, group)));
        INDEXED.forEach((group, collections) -> collections.forEach(collection -> groups.put(collection, group)));
        return Map.copyOf(groups);
    }

    /** The group writing {@code collection}, or null when no view group does. */
    public static String groupOf(String collection) {
        return GROUP_OF.get(collection);
    }

    /** The group's collections (for a group writing an index, those it keeps beside it); an unknown group has none. */
    public static List<String> of(String group) {
        List<String> views = BY_GROUP.get(group);
        return views != null ? views : INDEXED.getOrDefault(group, List.of());
    }

    /** Whether {@code POST /api/projections/{group}/rebuild} can rebuild the group: a MongoDB view or an indexed group. */
    public static boolean rebuildable(String group) {
        return BY_GROUP.containsKey(group) || INDEXED.containsKey(group);
    }
}
