package dev.kehu.events.customer;

import dev.kehu.events.EventType;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.followup.OpenFollowUp;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The survivor of a merge took over the duplicate's contacts and open follow-ups; interactionIds and complaintIds reference the duplicate's history. */
@EventType("dev.kehu.events.customer.DuplicateCustomerAbsorbed")
@Revision("1")
public record DuplicateCustomerAbsorbed(String customerId, String duplicateId, List<ContactCard> contacts, List<OpenFollowUp> followUps, List<String> interactionIds, List<String> complaintIds) {

    public DuplicateCustomerAbsorbed {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
        interactionIds = interactionIds == null ? List.of() : List.copyOf(interactionIds);
        complaintIds = complaintIds == null ? List.of() : List.copyOf(complaintIds);
    }
}
