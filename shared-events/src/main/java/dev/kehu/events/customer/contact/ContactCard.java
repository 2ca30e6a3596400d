package dev.kehu.events.customer.contact;

import java.util.List;
import java.util.Objects;

/** A contact person (联系人) of a company customer: name, title, phones, e-mails and notes. */
public record ContactCard(String contactId, String name, String title, List<Phone> phones,
                          List<String> emails, String notes) {

    public ContactCard {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(name, "name");
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }
}
