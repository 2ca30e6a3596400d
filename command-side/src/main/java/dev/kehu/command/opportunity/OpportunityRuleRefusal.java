package dev.kehu.command.opportunity;

import dev.kehu.events.Money;
import dev.kehu.events.opportunity.Stage;
import java.util.Map;

/** The 422 Unprocessable Content kind of {@link OpportunityRefusal}: a business rule refused the command. */
public abstract sealed class OpportunityRuleRefusal extends OpportunityRefusal {

    protected OpportunityRuleRefusal(String message, Map<String, Object> details) {
        super(message, details);
    }

    /** An opportunity's or bid's amount must be greater than zero. */
    public static final class AmountNotPositive extends OpportunityRuleRefusal {

        public AmountNotPositive(Money amount) {
            super("amount " + amount.amount().toPlainString() + " " + amount.currency()
                    + " is not greater than zero",
                    Map.of("field", "amount", "amount", amount.amount(), "currency", amount.currency()));
        }
    }

    /** A bid is submitted only after its preparation checklist (标前准备) is complete. */
    public static final class BidNotPrepared extends OpportunityRuleRefusal {

        public BidNotPrepared(String opportunityId) {
            super("the bid of opportunity " + opportunityId
                    + " cannot be submitted before its preparation checklist is complete",
                    Map.of("opportunityId", opportunityId));
        }
    }

    /** A bid result is recorded only for a submitted bid. */
    public static final class BidNotSubmitted extends OpportunityRuleRefusal {

        public BidNotSubmitted(String opportunityId) {
            super("opportunity " + opportunityId + " has no submitted bid to record a result for",
                    Map.of("opportunityId", opportunityId));
        }
    }

    /** Completing bid preparation names at least one checklist item. */
    public static final class EmptyBidChecklist extends OpportunityRuleRefusal {

        public EmptyBidChecklist(String opportunityId) {
            super("the bid preparation checklist of opportunity " + opportunityId + " names no item",
                    Map.of("field", "checklist", "opportunityId", opportunityId));
        }
    }

    /** An opportunity is won only from the negotiation (谈判) or bidding (投标) stage. */
    public static final class OpportunityNotWinnable extends OpportunityRuleRefusal {

        public OpportunityNotWinnable(String opportunityId, Stage stage) {
            super("opportunity " + opportunityId + " is in stage " + stage
                    + "; it can be won only from NEGOTIATION or BIDDING",
                    Map.of("opportunityId", opportunityId, "stage", stage.name()));
        }
    }

    /** A probability is a whole percent from 0 to 100. */
    public static final class ProbabilityOutOfRange extends OpportunityRuleRefusal {

        public ProbabilityOutOfRange(int probability) {
            super("probability " + probability + " is not between 0 and 100",
                    Map.of("field", "probability", "probability", probability));
        }
    }

    /** This change must say why. */
    public static final class ReasonRequired extends OpportunityRuleRefusal {

        public ReasonRequired(String change) {
            super(change + " needs a reason",
                    Map.of("field", "reason"));
        }
    }

    /** Skipping a stage or going back a stage needs a reason. */
    public static final class StageChangeNeedsReason extends OpportunityRuleRefusal {

        public StageChangeNeedsReason(Stage from, Stage to) {
            super("moving from " + from + " to " + to
                    + (from.wouldGoBackTo(to) ? " goes back" : " skips a stage") + " and needs a reason",
                    Map.of("field", "reason", "from", from.name(), "to", to.name()));
        }
    }

    /** WON and LOST are reached by winning or losing the opportunity, not by a stage move. */
    public static final class StageNotReachableByMove extends OpportunityRuleRefusal {

        public StageNotReachableByMove(Stage stage) {
            super("stage " + stage
                    + " is reached by winning or losing the opportunity, not by a stage move",
                    Map.of("field", "stage", "stage", stage.name()));
        }
    }

    /** Opportunities are opened only for an existing customer. */
    public static final class UnknownCustomer extends OpportunityRuleRefusal {

        public UnknownCustomer(String customerId) {
            super("customer " + customerId + " does not exist",
                    Map.of("field", "customerId", "customerId", customerId));
        }
    }
}
