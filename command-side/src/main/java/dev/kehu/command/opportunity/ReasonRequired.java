package dev.kehu.command.opportunity;

/** This change must say why. */
public class ReasonRequired extends OpportunityRefused {

    public ReasonRequired(String change) {
        super(change + " needs a reason");
    }
}
