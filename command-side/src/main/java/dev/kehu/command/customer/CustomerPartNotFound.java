package dev.kehu.command.customer;

import java.util.Map;

/**
 * The 404 Not Found kind of {@link CustomerRefusal}: a part of the customer (contact, follow-up,
 * complaint) named by the command does not exist.
 */
public abstract sealed class CustomerPartNotFound extends CustomerRefusal {

    protected CustomerPartNotFound(String message, Map<String, Object> details) {
        super(message, details);
    }

    /** No complaint with this id on the customer. */
    public static final class ComplaintNotFound extends CustomerPartNotFound {

        public ComplaintNotFound(String complaintId) {
            super("no complaint " + complaintId + " on this customer", Map.of("field", "complaintId", "complaintId", complaintId));
        }
    }

    /** No service request with this id on the customer. */
    public static final class ServiceRequestNotFound extends CustomerPartNotFound {

        public ServiceRequestNotFound(String requestId) {
            super("no service request " + requestId + " on this customer", Map.of("field", "requestId", "requestId", requestId));
        }
    }

    /** No contact with this id on the customer. */
    public static final class ContactNotFound extends CustomerPartNotFound {

        public ContactNotFound(String contactId) {
            super("no contact " + contactId + " on this customer", Map.of("field", "contactId", "contactId", contactId));
        }
    }

    /** No follow-up with this id on the customer. */
    public static final class FollowUpNotFound extends CustomerPartNotFound {

        public FollowUpNotFound(String followUpId) {
            super("no follow-up " + followUpId + " on this customer", Map.of("field", "followUpId", "followUpId", followUpId));
        }
    }
}
