package dev.kehu.command.opportunity;

/**
 * A command on an opportunity was refused by a business rule. Each rule has its own subtype; its
 * simple class name is the rule name the API reports.
 */
public abstract class OpportunityRefused extends RuntimeException {

    protected OpportunityRefused(String message) {
        super(message, null, false, false);
    }

    /** The rule that refused the command, e.g. {@code OpportunityAlreadyClosed}. */
    public String rule() {
        return getClass().getSimpleName();
    }
}
