package dev.kehu.command.opportunity;

/** Opportunities are opened only for an existing customer. */
public class UnknownCustomer extends OpportunityRefused {

    public UnknownCustomer(String customerId) {
        super("customer " + customerId + " does not exist");
    }
}
