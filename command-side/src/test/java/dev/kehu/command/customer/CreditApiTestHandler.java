package dev.kehu.command.customer;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

/** Calls the Customer credit API through {@code Aggregate<Customer>.execute}, as the Opportunity side will. */
class CreditApiTestHandler {

    private final Repository<Customer> customers;

    CreditApiTestHandler(Repository<Customer> customers) {
        this.customers = customers;
    }

    @CommandHandler
    void handle(ReserveCreditForTest command) {
        customers.load(command.customerId()).execute(customer -> {
            if (command.release()) {
                customer.releaseCredit(command.opportunityId(), "deal reopened");
            } else {
                customer.reserveCredit(command.opportunityId(), command.amount());
            }
        });
    }
}
