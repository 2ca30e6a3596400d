package dev.kehu.command.opportunity;

import dev.kehu.command.customer.Customer;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.UnknownCustomer;
import dev.kehu.events.Money;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * {@link CustomerAccounts} on the Customer aggregate, loaded through its Axon repository in the
 * caller's unit of work: the repository locks the customer until that unit of work ends and its
 * events are committed with the opportunity's.
 */
public class CustomerAccountsInRepository implements CustomerAccounts {

    private final Repository<Customer> customers;

    public CustomerAccountsInRepository(Repository<Customer> customers) {
        this.customers = customers;
    }

    @Override
    public void requireAcceptsNewOpportunities(String customerId) {
        load(customerId).execute(Customer::ensureAcceptsNewOpportunities);
    }

    @Override
    public void reserveCredit(String customerId, String opportunityId, Money amount) {
        load(customerId).execute(customer -> customer.reserveCredit(opportunityId, amount));
    }

    @Override
    public void releaseCredit(String customerId, String opportunityId, String reason) {
        load(customerId).execute(customer -> customer.releaseCredit(opportunityId, reason));
    }

    private Aggregate<Customer> load(String customerId) {
        try {
            return customers.load(customerId);
        } catch (AggregateNotFoundException e) {
            throw new UnknownCustomer(customerId);
        }
    }
}
