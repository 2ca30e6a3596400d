package dev.kehu.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.customer.CustomerConflict.PersonalDataIsErased;
import dev.kehu.command.customer.CustomerPartNotFound.ContactNotFound;
import dev.kehu.command.customer.CustomerRuleRefusal.ErasureNeedsAnIndividual;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.PersonalDataErased.SubjectType;
import dev.kehu.events.customer.contact.ContactAdded;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * Whose personal data this customer holds and whose was erased (个人信息删除): part of the {@link Customer} aggregate
 * ({@code @AggregateMember}). An individual customer is a data subject, and so is every contact a company ever had
 * (a removed contact's data is still in the log). Erasing is idempotent: a subject already erased records nothing.
 * Once erased, a command that would store new data about the subject (a profile change, a contact change, an
 * interaction or complaint naming the contact) is refused with {@link PersonalDataIsErased} (409): its key is gone,
 * and the data is not to come back.
 */
final class PersonalData {

    private CustomerKind kind;
    private final Set<String> contacts = new HashSet<>();
    private final Set<String> erased = new HashSet<>();

    @CommandHandler
    void handle(CustomerCommand.ErasePersonalData command) {
        if (erased.contains(command.subjectId())) {
            return;
        }
        if (command.subjectType() == SubjectType.CUSTOMER) {
            if (kind != CustomerKind.INDIVIDUAL || !command.subjectId().equals(command.customerId())) {
                throw new ErasureNeedsAnIndividual(command.customerId());
            }
        } else if (!contacts.contains(command.subjectId())) {
            throw new ContactNotFound(command.subjectId());
        }
        apply(new PersonalDataErased(command.customerId(), command.subjectType(), command.subjectId(),
                command.reason()));
    }

    /** Refuses a command that would store data about an erased subject. */
    void refuseIfErased(Object command) {
        if (erased.isEmpty()) {
            return;
        }
        String subject = subjectOf(command);
        if (subject != null && erased.contains(subject)) {
            throw new PersonalDataIsErased(subject);
        }
    }

    /** The subject about whom {@code command} would store data, or null. */
    private String subjectOf(Object command) {
        if (command instanceof CustomerCommand.ChangeCustomerProfile change) {
            return change.customerId();
        } else if (command instanceof CustomerCommand.AddContact add) {
            return add.contact().contactId();
        } else if (command instanceof CustomerCommand.ChangeContact change) {
            return change.contact().contactId();
        } else if (command instanceof CustomerCommand.ChoosePrimaryContact choose) {
            return choose.contactId();
        } else if (command instanceof CustomerCommand.RecordInteraction interaction) {
            return interaction.contactId() != null ? interaction.contactId() : interaction.customerId();
        } else if (command instanceof CustomerCommand.LogComplaint complaint) {
            return complaint.contactId();
        }
        return null;
    }

    @EventSourcingHandler
    void on(CustomerRegistered event) {
        kind = event.kind();
    }

    @EventSourcingHandler
    void on(ContactAdded event) {
        contacts.add(event.contact().contactId());
    }

    @EventSourcingHandler
    void on(DuplicateCustomerAbsorbed event) {
        event.contacts().forEach(contact -> contacts.add(contact.contactId()));
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        erased.add(event.subjectId());
    }
}
