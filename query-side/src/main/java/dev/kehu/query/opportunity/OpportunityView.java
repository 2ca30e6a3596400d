package dev.kehu.query.opportunity;

import dev.kehu.query.customer360.Customer360View.Amount;

import java.time.Instant;
import java.util.List;

/**
 * One opportunity in detail ({@code GET /api/opportunities/{id}}), as {@link OpportunityFold} computes it and the
 * {@code opportunity_detail} document stores it. Amounts, dates and instants follow the views' conventions
 * (storable amount or null, ISO dates, instants to the millisecond).
 */
public record OpportunityView(
        String opportunityId,
        long appliedPosition,
        String customerId,
        String title,
        Amount amount,
        String source,
        String ownerId,
        String priority,
        String stage,
        String stageName,
        int probability,
        String expectedCloseDate,
        String status,
        Instant openedAt,
        String openedBy,
        Instant closedAt,
        String lostReason,
        String competitor,
        int reopened,
        List<StageStep> stageHistory,
        Bid bid,
        List<AmountChange> amountChanges,
        List<CloseDateChange> closeDateChanges,
        Instant lastChangedAt) {

    /** An amount change (also a deal won at another amount): from, to, when and by whom. */
    public record AmountChange(Amount from, Amount to, Instant at, String by) {
    }

    /** A change of the expected close date: from, to, when and by whom. */
    public record CloseDateChange(String from, String to, Instant at, String by) {
    }

    /** A stage the opportunity entered, when, by whom and why ({@code skipped}/{@code backwards} as the event said). */
    public record StageStep(String stage, String stageName, int probability, Instant at, String by, String reason,
                            boolean skipped, boolean backwards) {
    }

    /** The bid, once one is prepared: checklist, amount and deadline when submitted, the result when known. */
    public record Bid(List<String> checklist, Instant preparedAt, Amount amount, String deadline, Instant submittedAt,
                      String outcome, String notes) {
    }
}
