package dev.kehu.events.customer;

import dev.kehu.events.EventType;
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

    /** Whose data: the individual customer, or a contact person of a company. */
    public enum SubjectType { CUSTOMER, CONTACT }
}
