package dev.kehu.command.opportunity;

/** A bid result is recorded only for a submitted bid. */
public class BidNotSubmitted extends OpportunityRefused {

    public BidNotSubmitted(String opportunityId) {
        super("opportunity " + opportunityId + " has no submitted bid to record a result for");
    }
}
