package dev.kehu.query.reporting;

import java.time.LocalDate;
import java.util.List;

import dev.kehu.events.opportunity.Stage;
import dev.kehu.query.web.InvalidQueryParameter;

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

    /** Most values one list parameter takes. */
    public static final int MAX_VALUES = 100;
    /** Longest value in a list parameter. */
    public static final int MAX_VALUE_LENGTH = 200;
    private static final List<String> STAGES = java.util.Arrays.stream(Stage.values()).map(Stage::name).toList();
    private static final List<String> STATUSES = List.of(OpportunityReportDocument.OPEN, OpportunityReportDocument.WON,
            OpportunityReportDocument.LOST);

    public OpportunityReportCriteria {
        regions = clean(bounded("region", regions));
        industries = clean(bounded("industry", industries));
        tiers = clean(bounded("tier", tiers));
        owners = clean(bounded("owner", owners));
        stages = known("stage", clean(bounded("stage", stages)), STAGES);
        statuses = known("status", clean(bounded("status", statuses)), STATUSES);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        if (groupBy.size() > 2) {
            throw new InvalidQueryParameter("groupBy", "takes at most two dimensions");
        }
        if (groupBy.size() == 2 && groupBy.get(0) == groupBy.get(1)) {
            throw new InvalidQueryParameter("groupBy", "dimensions must differ");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidQueryParameter("from", "must not be after 'to' (" + from + " > " + to + ")");
        }
    }

    /** {@code values} when within {@link #MAX_VALUES} values of {@link #MAX_VALUE_LENGTH} characters, else a 400. */
    public static List<String> bounded(String parameter, List<String> values) {
        if (values == null) {
            return null;
        }
        if (values.size() > MAX_VALUES) {
            throw new InvalidQueryParameter(parameter, "takes at most " + MAX_VALUES + " values, got " + values.size());
        }
        for (String value : values) {
            if (value != null && value.length() > MAX_VALUE_LENGTH) {
                throw new InvalidQueryParameter(parameter, "values must be at most " + MAX_VALUE_LENGTH + " characters");
            }
        }
        return values;
    }

    public static OpportunityReportCriteria groupedBy(ReportDimension... dimensions) {
        return new OpportunityReportCriteria(null, null, null, null, null, null, null, null, List.of(dimensions));
    }

    /**
     * The values in upper case when each is one of {@code allowed} (case does not matter), else a 400 naming the
     * parameter: a misspelt stage or status would otherwise match nothing and look like an empty pipeline.
     */
    private static List<String> known(String parameter, List<String> values, List<String> allowed) {
        List<String> upper = values.stream().map(value -> value.toUpperCase(java.util.Locale.ROOT)).toList();
        for (String value : upper) {
            if (!allowed.contains(value)) {
                throw new InvalidQueryParameter(parameter, "must be one of " + String.join(", ", allowed)
                        + ", got '" + value + "'"); // QueryProblems makes it safe to echo
            }
        }
        return upper;
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().filter(java.util.Objects::nonNull).map(String::strip).filter(value -> !value.isEmpty()).toList();
    }
}
