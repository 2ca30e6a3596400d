package dev.kehu.events.customer;

import dev.kehu.events.EventType;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.Phone;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A person's data was erased on request (个人信息删除, PIPL/GDPR): the key that sealed their personal fields was
 * deleted, so every earlier event reads {@code [erased]} there. Names the subject, never its data; who asked is the
 * event's actor, why is {@code reason}.
 *
 * @param subjectType an individual customer (the customer itself) or one of a company's contacts
 * @param subjectId   the customer id or the contact id
 */
@EventType("PersonalDataErased")
@Revision("1")
public record PersonalDataErased(String customerId, SubjectType subjectType, String subjectId, String reason) {

    /** What an erased text reads as, in the log and in every view. */
    public static final String ERASED = "[erased]";
    /** An erased phone: its normalized form is empty, so claims and search skip it. */
    public static final Phone ERASED_PHONE = new Phone(ERASED, "");

    /** Whose data: the individual customer, or a contact person of a company. */
    public enum SubjectType { CUSTOMER, CONTACT }

    /** Whether the erased person is the customer itself (an individual). */
    public boolean erasesCustomer() {
        return subjectType == SubjectType.CUSTOMER && customerId.equals(subjectId);
    }

    /** Whether this erasure covers an interaction's notes: they are the contact's it names, else the customer's. */
    public boolean coversInteraction(String contactId) {
        return subjectId.equals(contactId != null ? contactId : customerId);
    }

    /**
     * The profile as the events read once the person is erased (a projection's handler gives its view what a rebuild
     * would): every personal field erased, a null field left null; a company's data (credit code, industry, region,
     * segment, channel, tags) kept.
     */
    public static CustomerProfile erase(CustomerProfile profile) {
        return new CustomerProfile(erase(profile.chineseName()), erase(profile.latinName()), profile.creditCode(),
                profile.mobile() == null ? null : ERASED_PHONE, erase(profile.email()), profile.industry(),
                profile.region(), profile.segment(), profile.sourceChannel(), profile.tags(), List.of(ERASED),
                Map.of(ERASED, ERASED), erase(profile.notes()));
    }

    /** A contact card as the events read once the contact is erased: name, phones, e-mails and notes. */
    public static ContactCard erase(ContactCard card) {
        return new ContactCard(card.contactId(), ERASED, card.title(), List.of(ERASED_PHONE), List.of(ERASED),
                erase(card.notes()));
    }

    /** {@value #ERASED} for a text, null for null. */
    public static String erase(String text) {
        return text == null ? null : ERASED;
    }
}
