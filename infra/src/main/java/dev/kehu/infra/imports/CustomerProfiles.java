package dev.kehu.infra.imports;

import dev.kehu.command.customer.web.CustomerRequests.ContactRequest;
import dev.kehu.command.customer.web.CustomerRequests.RegisterCustomerRequest;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.Phone;
import java.util.List;
import java.util.Locale;

/**
 * A validated row as the command side's values, normalised as {@code CustomerController} normalises a registration
 * (stripped text, upper-case credit code, the phone as entered and normalised). Kept here, not shared with the
 * controller, because its helpers are private to the command side's web layer.
 */
final class CustomerProfiles {

    private CustomerProfiles() {
    }

    static CustomerProfile of(RegisterCustomerRequest body) {
        return new CustomerProfile(text(body.chineseName()), text(body.latinName()),
                body.creditCode() == null ? null : body.creditCode().strip().toUpperCase(Locale.ROOT),
                body.mobile() == null ? null : Phone.of(body.mobile().strip()), text(body.email()), text(body.industry()),
                text(body.region()), text(body.segment()), text(body.sourceChannel()),
                body.tags(), null, null, body.notes()); // as the REST API passes absent lists and maps
    }

    static ContactCard contact(String contactId, ContactRequest body) {
        List<Phone> phones = body.phones() == null ? List.of() : body.phones().stream().map(p -> Phone.of(p.strip())).toList();
        List<String> emails = body.emails() == null ? List.of()
                : body.emails().stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).toList();
        return new ContactCard(contactId, body.name().strip(), text(body.title()), phones, emails, body.notes());
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
