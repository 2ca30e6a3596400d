package dev.kehu.command.opportunity;

import dev.kehu.command.opportunity.OpportunityCommand.MarkOpportunityWon;
import dev.kehu.command.opportunity.OpportunityConflict.OpportunityAlreadyClosed;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.OpportunityNotWinnable;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * Wins an opportunity and reserves its amount against the customer's credit in ONE unit of work.
 *
 * <p>Both aggregates are loaded through their Axon repositories; the event store commits the
 * events of the unit of work together (one commit, optimistic concurrency per aggregate sequence):
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
public class WinOpportunityHandler {

    private final Repository<Opportunity> opportunities;
    private final CustomerAccounts customers;

    public WinOpportunityHandler(Repository<Opportunity> opportunities, CustomerAccounts customers) {
        this.opportunities = opportunities;
        this.customers = customers;
    }

    @CommandHandler
    public void handle(MarkOpportunityWon command) {
        Aggregate<Opportunity> opportunity = opportunities.load(command.opportunityId());
        Opportunity.WinTerms terms = opportunity.invoke(Opportunity::winTerms);
        customers.reserveCredit(terms.customerId(), command.opportunityId(), terms.amount());
        opportunity.execute(Opportunity::markWon);
    }
}
