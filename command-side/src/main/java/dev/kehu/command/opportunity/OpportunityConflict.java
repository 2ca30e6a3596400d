package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;
import java.util.Map;

/** The 409 Conflict kind of {@link OpportunityRefusal}: the command conflicts with the opportunity's current state. */
public abstract sealed class OpportunityConflict extends OpportunityRefusal {

    protected OpportunityConflict(String message, Map<String, Object> details) {
        super(message, details);
    }

    /** The bid of an opportunity is submitted once. */
    public static final class BidAlreadySubmitted extends OpportunityConflict {

        public BidAlreadySubmitted(String opportunityId) {
            super("the bid of opportunity " + opportunityId + " was already submitted",
                    Map.of("opportunityId", opportunityId));
        }
    }

    /** The bid preparation checklist was already recorded as done. */
    public static final class BidPreparationAlreadyCompleted extends OpportunityConflict {

        public BidPreparationAlreadyCompleted(String opportunityId) {
            super("the bid preparation of opportunity " + opportunityId + " is already complete",
                    Map.of("opportunityId", opportunityId));
        }
    }

    /** The result of a bid is recorded once. */
    public static final class BidResultAlreadyRecorded extends OpportunityConflict {

        public BidResultAlreadyRecorded(String opportunityId) {
            super("the bid result of opportunity " + opportunityId + " was already recorded",
                    Map.of("opportunityId", opportunityId));
        }
    }

    /** Bid preparation, submission and results are recorded only in the bidding stage (投标). */
    public static final class NotInBiddingStage extends OpportunityConflict {

        public NotInBiddingStage(String opportunityId, Stage stage) {
            super("opportunity " + opportunityId + " is in stage " + stage
                    + "; bids are handled only in BIDDING",
                    Map.of("opportunityId", opportunityId, "stage", stage.name()));
        }
    }

    /** A closed (won or lost) opportunity changes only by reopening it. */
    public static final class OpportunityAlreadyClosed extends OpportunityConflict {

        public OpportunityAlreadyClosed(String opportunityId, Stage closedAs) {
            super("opportunity " + opportunityId + " is closed as " + closedAs
                    + "; it changes only by reopening",
                    Map.of("opportunityId", opportunityId, "stage", closedAs.name()));
        }
    }

    /** Moving an opportunity to the stage it is already in. */
    public static final class OpportunityAlreadyInStage extends OpportunityConflict {

        public OpportunityAlreadyInStage(String opportunityId, Stage stage) {
            super("opportunity " + opportunityId + " is already in stage " + stage,
                    Map.of("opportunityId", opportunityId, "stage", stage.name()));
        }
    }

    /** Only a won or lost opportunity can be reopened. */
    public static final class OpportunityNotClosed extends OpportunityConflict {

        public OpportunityNotClosed(String opportunityId, Stage stage) {
            super("opportunity " + opportunityId + " is open (" + stage
                    + "); only a won or lost opportunity can be reopened",
                    Map.of("opportunityId", opportunityId, "stage", stage.name()));
        }
    }
}
