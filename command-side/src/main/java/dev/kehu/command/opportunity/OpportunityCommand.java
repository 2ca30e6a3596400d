package dev.kehu.command.opportunity;

import dev.kehu.events.Money;
import dev.kehu.events.opportunity.BidOutcome;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.Stage;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Every command an {@link Opportunity} accepts, in one closed set, handled by the aggregate or by the
 * handler that loads it together with its customer ({@link OpportunityAndCustomerHandler}). A command is bound to its aggregate
 * by this type, not by its package: {@code AggregateBinding.forCommandsOf(OpportunityCommand.class, …)};
 * {@code CommandBindingTest} fails when a handled command does not implement it. Each record's first
 * component is the target opportunity's id.
 */
public sealed interface OpportunityCommand {

    /** The id of the opportunity the command targets. */
    String opportunityId();

    // ---------------------------------------------------------------- opening and terms

    /**
     * Open an opportunity (商机) for an existing customer that accepts new opportunities. Handled by
     * {@link OpportunityAndCustomerHandler}; it starts at {@link dev.kehu.events.opportunity.Stage#LEAD}.
     */
    record OpenOpportunity(
            @TargetAggregateIdentifier String opportunityId,
            String customerId,
            String title,
            Money amount,
            LocalDate expectedCloseDate,
            String source,
            String ownerId,
            OpportunityPriority priority) implements OpportunityCommand {
    }

    /** Change the expected amount of an open opportunity. */
    record ChangeOpportunityAmount(
            @TargetAggregateIdentifier String opportunityId,
            Money amount) implements OpportunityCommand {
    }

    /** Move the expected close date of an open opportunity. */
    record ChangeExpectedCloseDate(
            @TargetAggregateIdentifier String opportunityId,
            LocalDate expectedCloseDate) implements OpportunityCommand {
    }

    /** Change the priority (商机重点) of an open opportunity. */
    record ChangeOpportunityPriority(
            @TargetAggregateIdentifier String opportunityId,
            OpportunityPriority priority) implements OpportunityCommand {
    }

    /** Set the win probability (percent, 0–100) of an open opportunity by hand, with a reason. */
    record OverrideOpportunityProbability(
            @TargetAggregateIdentifier String opportunityId,
            int probability,
            String reason) implements OpportunityCommand {
    }

    /** Hand an open opportunity to another salesperson, with a reason. */
    record ReassignOpportunityOwner(
            @TargetAggregateIdentifier String opportunityId,
            String ownerId,
            String reason) implements OpportunityCommand {
    }

    // ---------------------------------------------------------------- pipeline

    /**
     * Move an open opportunity to another open stage; skipping a stage or going back needs a reason.
     */
    record MoveOpportunityToStage(
            @TargetAggregateIdentifier String opportunityId,
            Stage stage,
            String reason) implements OpportunityCommand {
    }

    // ---------------------------------------------------------------- bidding

    /**
     * Record the bid preparation checklist (标前准备) as done; the opportunity must be in the bidding stage.
     */
    record CompleteBidPreparation(
            @TargetAggregateIdentifier String opportunityId,
            List<String> checklist) implements OpportunityCommand {
    }

    /** Submit the bid (投标) with its amount and the buyer's deadline; preparation must be complete. */
    record SubmitBid(
            @TargetAggregateIdentifier String opportunityId,
            Money bidAmount,
            LocalDate deadline) implements OpportunityCommand {
    }

    /** Record the buyer's evaluation (评标) of the submitted bid. */
    record RecordBidResult(
            @TargetAggregateIdentifier String opportunityId,
            BidOutcome outcome,
            String notes) implements OpportunityCommand {
    }

    // ---------------------------------------------------------------- closing and reopening

    /**
     * Close an opportunity as won (赢单). Handled by {@link OpportunityAndCustomerHandler}, which reserves the
     * amount against the customer's credit in the same unit of work.
     */
    record MarkOpportunityWon(@TargetAggregateIdentifier String opportunityId) implements OpportunityCommand {
    }

    /**
     * Close an open opportunity as lost (输单), with the reason and the competitor who won (may be null).
     */
    record MarkOpportunityLost(
            @TargetAggregateIdentifier String opportunityId,
            String reason,
            String competitor) implements OpportunityCommand {
    }

    /**
     * Reopen a won or lost opportunity, with a reason, into {@code stage} (an open stage), or into the
     * stage it was closed from when {@code stage} is null. Handled by {@link OpportunityAndCustomerHandler}:
     * a reopened won deal releases its credit reservation in the same unit of work.
     */
    record ReopenOpportunity(
            @TargetAggregateIdentifier String opportunityId,
            Stage stage,
            String reason) implements OpportunityCommand {
    }
}
