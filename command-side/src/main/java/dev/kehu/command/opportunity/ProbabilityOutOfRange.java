package dev.kehu.command.opportunity;

/** A probability is a whole percent from 0 to 100. */
public class ProbabilityOutOfRange extends OpportunityRefused {

    public ProbabilityOutOfRange(int probability) {
        super("probability " + probability + " is not between 0 and 100");
    }
}
