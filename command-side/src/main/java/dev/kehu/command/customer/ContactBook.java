package dev.kehu.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.customer.CustomerCommand.ChangeContact;
import dev.kehu.command.customer.CustomerCommand.ChoosePrimaryContact;
import dev.kehu.command.customer.CustomerCommand.RemoveContact;
import dev.kehu.command.customer.CustomerConflict.DocumentNumberConflict;
import dev.kehu.command.customer.CustomerConflict.PrimaryContactRemovalRefused;
import dev.kehu.command.customer.CustomerPartNotFound.ContactNotFound;
import dev.kehu.command.customer.CustomerRuleRefusal.ContactsRequireCompany;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.ContactChanged;
import dev.kehu.events.customer.contact.ContactRemoved;
import dev.kehu.events.customer.contact.PrimaryContactChosen;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The contacts (联系人) of a company customer and which one is primary: part of the {@link Customer}
 * aggregate ({@code @AggregateMember}), inside its consistency boundary. The first contact added
 * becomes primary; the primary contact can only be removed when it is the last one.
 */
final class ContactBook {

    private final Map<String, ContactCard> contacts = new LinkedHashMap<>();
    private String primaryContactId;

    void add(String customerId, CustomerKind kind, ContactCard contact) {
        if (kind != CustomerKind.COMPANY) {
            throw new ContactsRequireCompany(customerId);
        }
        ContactCard existing = contacts.get(contact.contactId());
        if (existing != null) {
            if (existing.equals(contact)) {
                return;
            }
            throw new DocumentNumberConflict("contactId", contact.contactId());
        }
        apply(new ContactAdded(customerId, contact));
        if (primaryContactId == null) {
            apply(new PrimaryContactChosen(customerId, contact.contactId()));
        }
    }

    @CommandHandler
    void handle(ChangeContact command) {
        ContactCard existing = require(command.contact().contactId());
        if (!existing.equals(command.contact())) {
            apply(new ContactChanged(command.customerId(), command.contact()));
        }
    }

    @CommandHandler
    void handle(RemoveContact command) {
        String contactId = command.contactId();
        require(contactId);
        if (contactId.equals(primaryContactId) && contacts.size() > 1) {
            throw new PrimaryContactRemovalRefused(contactId);
        }
        apply(new ContactRemoved(command.customerId(), contactId));
    }

    @CommandHandler
    void handle(ChoosePrimaryContact command) {
        require(command.contactId());
        if (!command.contactId().equals(primaryContactId)) {
            apply(new PrimaryContactChosen(command.customerId(), command.contactId()));
        }
    }

    /** The contact, or {@link ContactNotFound}. */
    ContactCard require(String contactId) {
        ContactCard contact = contacts.get(contactId);
        if (contact == null) {
            throw new ContactNotFound(contactId);
        }
        return contact;
    }

    /** {@link ContactNotFound} unless the optional contact id is null or names a contact. */
    void requireIfGiven(String contactId) {
        if (contactId != null) {
            require(contactId);
        }
    }

    /** The contacts of this book whose ids {@code other} does not hold (what a merge moves over). */
    List<ContactCard> missingFrom(ContactBook other) {
        return contacts.values().stream().filter(c -> !other.contacts.containsKey(c.contactId())).toList();
    }

    boolean hasPrimary() {
        return primaryContactId != null;
    }

    @EventSourcingHandler
    void on(ContactAdded event) {
        contacts.put(event.contact().contactId(), event.contact());
    }

    @EventSourcingHandler
    void on(ContactChanged event) {
        contacts.put(event.contact().contactId(), event.contact());
    }

    @EventSourcingHandler
    void on(ContactRemoved event) {
        contacts.remove(event.contactId());
        if (event.contactId().equals(primaryContactId)) {
            primaryContactId = null;
        }
    }

    @EventSourcingHandler
    void on(PrimaryContactChosen event) {
        primaryContactId = event.contactId();
    }

    @EventSourcingHandler
    void on(DuplicateCustomerAbsorbed event) {
        event.contacts().forEach(c -> contacts.put(c.contactId(), c));
    }
}
