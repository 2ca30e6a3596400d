package dev.kehu.command.opportunity;

/** The bid preparation checklist was already recorded as done. */
public class BidPreparationAlreadyCompleted extends OpportunityRefused {

    public BidPreparationAlreadyCompleted(String opportunityId) {
        super("the bid preparation of opportunity " + opportunityId + " is already complete");
    }
}
