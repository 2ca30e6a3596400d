package dev.kehu.command.opportunity;

/** The bid of an opportunity is submitted once. */
public class BidAlreadySubmitted extends OpportunityRefused {

    public BidAlreadySubmitted(String opportunityId) {
        super("the bid of opportunity " + opportunityId + " was already submitted");
    }
}
