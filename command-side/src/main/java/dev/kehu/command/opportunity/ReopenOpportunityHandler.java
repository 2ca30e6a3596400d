package dev.kehu.command.opportunity;

import dev.kehu.command.opportunity.OpportunityCommand.ReopenOpportunity;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * Reopens a won or lost opportunity. A won deal releases its credit reservation on the customer in
 * the same unit of work, so the reservation and the opportunity's state never disagree.
 */
public class ReopenOpportunityHandler {

    private final Repository<Opportunity> opportunities;
    private final CustomerAccounts customers;
    private final StageProbabilities probabilities;

    public ReopenOpportunityHandler(Repository<Opportunity> opportunities, CustomerAccounts customers,
            StageProbabilities probabilities) {
        this.opportunities = opportunities;
        this.customers = customers;
        this.probabilities = probabilities;
    }

    @CommandHandler
    public void handle(ReopenOpportunity command) {
        Aggregate<Opportunity> opportunity = opportunities.load(command.opportunityId());
        Opportunity.ReopenPlan plan = opportunity.invoke(o -> o.planReopening(command));
        if (plan.releasesCredit()) {
            customers.releaseCredit(plan.customerId(), command.opportunityId(), command.reason());
        }
        opportunity.execute(o -> o.reopen(plan, probabilities.of(plan.stage()), command.reason()));
    }
}
