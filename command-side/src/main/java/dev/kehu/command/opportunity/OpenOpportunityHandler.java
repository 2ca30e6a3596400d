package dev.kehu.command.opportunity;

import dev.kehu.command.opportunity.OpportunityCommand.OpenOpportunity;
import dev.kehu.events.opportunity.Stage;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

/**
 * Opens an opportunity: checks, in the same unit of work, that its customer exists and accepts new
 * opportunities (loading the Customer read-only), then creates the aggregate with the configured
 * probability of the first stage.
 */
public class OpenOpportunityHandler {

    private final Repository<Opportunity> opportunities;
    private final CustomerAccounts customers;
    private final StageProbabilities probabilities;

    public OpenOpportunityHandler(Repository<Opportunity> opportunities, CustomerAccounts customers,
            StageProbabilities probabilities) {
        this.opportunities = opportunities;
        this.customers = customers;
        this.probabilities = probabilities;
    }

    @CommandHandler
    public String handle(OpenOpportunity command) throws Exception {
        customers.requireAcceptsNewOpportunities(command.customerId());
        opportunities.newInstance(() -> new Opportunity(command, probabilities.of(Stage.LEAD)));
        return command.opportunityId();
    }
}
