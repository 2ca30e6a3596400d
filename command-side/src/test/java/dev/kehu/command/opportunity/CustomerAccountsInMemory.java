package dev.kehu.command.opportunity;

import dev.kehu.command.customer.CustomerConflict.CustomerNotOpenForBusiness;
import dev.kehu.command.customer.CustomerRuleRefusal.CreditLimitExceeded;
import dev.kehu.command.customer.CustomerRuleRefusal.CustomerOnCreditHold;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.UnknownCustomer;
import dev.kehu.events.Money;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for the customer aggregate in fixture tests of the opportunity alone, throwing the
 * Customer's own refusals. The real adapter and the Customer aggregate are exercised by the REST
 * and event-store tests.
 */
final class CustomerAccountsInMemory implements CustomerAccounts {

    final Map<String, BigDecimal> available = new HashMap<>();
    final Set<String> onHold = new HashSet<>();
    final Set<String> notAccepting = new HashSet<>();
    final Map<String, Money> reservations = new HashMap<>();

    CustomerAccountsInMemory withCustomer(String customerId, String availableCredit) {
        available.put(customerId, new BigDecimal(availableCredit));
        return this;
    }

    @Override
    public void requireAcceptsNewOpportunities(String customerId) {
        if (!available.containsKey(customerId)) {
            throw new UnknownCustomer(customerId);
        }
        if (notAccepting.contains(customerId)) {
            throw new CustomerNotOpenForBusiness(customerId, "churned");
        }
    }

    @Override
    public void reserveCredit(String customerId, String opportunityId, Money amount) {
        if (onHold.contains(customerId)) {
            throw new CustomerOnCreditHold(customerId);
        }
        BigDecimal left = available.get(customerId);
        if (left.compareTo(amount.amount()) < 0) {
            throw new CreditLimitExceeded(customerId, Money.of("0", amount.currency()),
                    Money.of("0", amount.currency()), amount);
        }
        available.put(customerId, left.subtract(amount.amount()));
        reservations.put(opportunityId, amount);
    }

    @Override
    public void releaseCredit(String customerId, String opportunityId, String reason) {
        Money released = reservations.remove(opportunityId);
        available.merge(customerId, released.amount(), BigDecimal::add);
    }
}
