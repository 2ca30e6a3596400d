package dev.kehu.command.opportunity;

/** Opportunities are opened only for customers that are not churned, dropped or merged. */
public class CustomerNotAcceptingOpportunities extends OpportunityRefused {

    public CustomerNotAcceptingOpportunities(String customerId) {
        super("customer " + customerId
                + " is churned, dropped or merged and accepts no new opportunities");
    }
}
