package dev.kehu.command.opportunity;

import dev.kehu.command.opportunity.OpportunityRuleRefusal.UnknownCustomer;
import dev.kehu.events.Money;

/**
 * What opening, winning and reopening an opportunity need from the customer's aggregate. The
 * implementation ({@link CustomerAccountsInRepository}) loads the Customer through its Axon
 * repository inside the current unit of work, so the customer's events commit together with the
 * opportunity's, or not at all.
 */
public interface CustomerAccounts {

    /**
     * @throws UnknownCustomer when there is no such customer
     * @throws dev.kehu.command.customer.CustomerConflict.CustomerNotOpenForBusiness when it is churned, dropped or merged
     */
    void requireAcceptsNewOpportunities(String customerId);

    /**
     * Reserves {@code amount} of the customer's available credit for a won opportunity. Throws the
     * customer's own refusals unchanged ({@link dev.kehu.command.customer.CustomerRuleRefusal.CustomerOnCreditHold},
     * {@link dev.kehu.command.customer.CustomerRuleRefusal.CreditLimitExceeded}, currency mismatch, merged customer).
     */
    void reserveCredit(String customerId, String opportunityId, Money amount);

    /** Releases the credit reserved for {@code opportunityId}, saying why. */
    void releaseCredit(String customerId, String opportunityId, String reason);
}
