package dev.kehu.command.opportunity;

import dev.kehu.command.opportunity.OpportunityCommand.MarkOpportunityWon;
import dev.kehu.command.opportunity.OpportunityCommand.OpenOpportunity;
import dev.kehu.command.opportunity.OpportunityCommand.ReopenOpportunity;
import dev.kehu.command.opportunity.OpportunityConflict.OpportunityAlreadyClosed;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.OpportunityNotWinnable;
import dev.kehu.events.opportunity.Stage;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * The opportunity's commands that also involve its customer: opening, winning and reopening. Each loads the
 * opportunity and the customer ({@link CustomerAccounts}) in ONE unit of work, so the event store commits the
 * events of both aggregates together or not at all.
 */
public class OpportunityAndCustomerHandler {

    private final Repository<Opportunity> opportunities;
    private final CustomerAccounts customers;
    private final StageProbabilities probabilities;

    public OpportunityAndCustomerHandler(Repository<Opportunity> opportunities, CustomerAccounts customers,
                                         StageProbabilities probabilities) {
        this.opportunities = opportunities;
        this.customers = customers;
        this.probabilities = probabilities;
    }

    /**
     * Opens an opportunity: checks that its customer exists and accepts new opportunities (loading the Customer
     * read-only), then creates the aggregate with the configured probability of the first stage.
     */
    @CommandHandler
    public String handle(OpenOpportunity command) throws Exception {
        customers.requireAcceptsNewOpportunities(command.customerId());
        opportunities.newInstance(() -> new Opportunity(command, probabilities.of(Stage.LEAD)));
        return command.opportunityId();
    }

    /**
     * Wins an opportunity and reserves its amount against the customer's credit:
     * <ul>
     *   <li>a failure between the reservation and the win leaves neither, because nothing commits;</li>
     *   <li>two concurrent wins for the same customer in one JVM are serialized by the repository's
     *       lock on the customer, so the second one sees the first reservation and is refused with the
     *       customer's credit rule (422); across JVMs both append to the customer stream at the same
     *       sequence number and only one commits: the other fails with Axon's concurrency exception,
     *       which the API reports as 409 (no automatic retry: the caller retries and then meets the
     *       credit rule with the current figures).</li>
     * </ul>
     * Refusals: {@link OpportunityAlreadyClosed}, {@link OpportunityNotWinnable}, and the customer's
     * credit-hold and credit-limit rules, each naming itself.
     */
    @CommandHandler
    public void handle(MarkOpportunityWon command) {
        Aggregate<Opportunity> opportunity = opportunities.load(command.opportunityId());
        Opportunity.WinTerms terms = opportunity.invoke(Opportunity::winTerms);
        customers.reserveCredit(terms.customerId(), command.opportunityId(), terms.amount());
        opportunity.execute(Opportunity::markWon);
    }

    /**
     * Reopens a won or lost opportunity. A won deal releases its credit reservation on the customer in
     * the same unit of work, so the reservation and the opportunity's state never disagree.
     */
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
