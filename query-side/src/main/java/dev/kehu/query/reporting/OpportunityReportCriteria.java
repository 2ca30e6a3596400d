package dev.kehu.query.reporting;

import java.time.LocalDate;
import java.util.List;

/**
 * A slice of the pipeline: filters (all optional; each list filter matches any of its values) and
 * one or two group-by dimensions (none gives only the totals).
 *
 * @param from first close date included (the actual close date of closed opportunities, the
 *             expected one of open opportunities)
 * @param to   last close date included
 */
public record OpportunityReportCriteria(
        LocalDate from,
        LocalDate to,
        List<String> regions,
        List<String> industries,
        List<String> tiers,
        List<String> owners,
        List<String> stages,
        List<String> statuses,
        List<ReportDimension> groupBy) {

    public OpportunityReportCriteria {
        regions = clean(regions);
        industries = clean(industries);
        tiers = clean(tiers);
        owners = clean(owners);
        stages = clean(stages);
        statuses = clean(statuses);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        if (groupBy.size() > 2) {
            throw new IllegalArgumentException("groupBy takes at most two dimensions");
        }
        if (groupBy.size() == 2 && groupBy.get(0) == groupBy.get(1)) {
            throw new IllegalArgumentException("groupBy dimensions must differ");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }

    public static OpportunityReportCriteria groupedBy(ReportDimension... dimensions) {
        return new OpportunityReportCriteria(null, null, null, null, null, null, null, null, List.of(dimensions));
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).filter(value -> !value.isEmpty()).toList();
    }
}
