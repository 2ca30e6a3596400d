package dev.kehu.command.opportunity;

/** The result of a bid is recorded once. */
public class BidResultAlreadyRecorded extends OpportunityRefused {

    public BidResultAlreadyRecorded(String opportunityId) {
        super("the bid result of opportunity " + opportunityId + " was already recorded");
    }
}
