package dev.kehu.command.opportunity;

/** Completing bid preparation names at least one checklist item. */
public class EmptyBidChecklist extends OpportunityRefused {

    public EmptyBidChecklist(String opportunityId) {
        super("the bid preparation checklist of opportunity " + opportunityId + " names no item");
    }
}
