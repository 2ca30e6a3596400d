package dev.kehu.query.reporting;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Counts, amounts and weighted amounts of a slice of the pipeline, in total and per group.
 * Amounts are per currency (never added across currencies), with two decimals.
 */
public record OpportunityReport(List<String> groupBy, Group total, List<Group> groups) {

    /** One group: its key per dimension (absent values are "(none)"), how many opportunities, their figures. */
    public record Group(Map<String, String> keys, long count, List<Figures> figures) {
    }

    /** Sum of amounts and of weighted amounts in one currency. */
    public record Figures(String currency, long count, BigDecimal amount, BigDecimal weightedAmount) {
    }
}
