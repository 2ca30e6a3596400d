package dev.kehu.command.customer;

import dev.kehu.command.customer.CustomerCommand.MergeCustomer;
import dev.kehu.command.customer.CustomerRuleRefusal.CannotMergeIntoItself;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Merges a duplicate customer into a survivor in one unit of work: both aggregates are loaded through
 * the repository (in id order, so two opposite merges cannot deadlock), the duplicate applies
 * {@code CustomerMerged} and the survivor {@code DuplicateCustomerAbsorbed}; the event store commits
 * both together or neither.
 */
@Component
public class CustomerMergeHandler {

    private final Repository<Customer> customers;

    public CustomerMergeHandler(Repository<Customer> customers) {
        this.customers = customers;
    }

    @CommandHandler
    public void handle(MergeCustomer command) {
        if (command.customerId().equals(command.survivorId())) {
            throw new CannotMergeIntoItself(command.customerId());
        }
        boolean duplicateFirst = command.customerId().compareTo(command.survivorId()) < 0;
        Aggregate<Customer> first = customers.load(duplicateFirst ? command.customerId() : command.survivorId());
        Aggregate<Customer> second = customers.load(duplicateFirst ? command.survivorId() : command.customerId());
        Aggregate<Customer> duplicate = duplicateFirst ? first : second;
        Aggregate<Customer> survivor = duplicateFirst ? second : first;

        Customer survivorRoot = survivor.invoke(s -> s);
        Customer duplicateRoot = duplicate.invoke(d -> d);
        duplicate.execute(d -> d.mergeInto(survivorRoot));
        survivor.execute(s -> s.absorb(duplicateRoot));
    }
}
