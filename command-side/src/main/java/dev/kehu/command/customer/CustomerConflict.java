package dev.kehu.command.customer;

import dev.kehu.events.customer.lifecycle.LifecycleStage;
import java.util.Map;

/** The 409 Conflict kind of {@link CustomerRefusal}: the command conflicts with the customer's current state. */
public abstract sealed class CustomerConflict extends CustomerRefusal {

    protected CustomerConflict(String message, Map<String, Object> details) {
        super(message, details);
    }

    /** The account manager is already the responsible one. */
    public static final class AccountManagerAlreadyAssigned extends CustomerConflict {

        public AccountManagerAlreadyAssigned(String accountManager) {
            super("account manager " + accountManager + " is already assigned", Map.of("field", "accountManager", "accountManager", accountManager));
        }
    }

    /** The complaint was already resolved. */
    public static final class ComplaintAlreadyResolved extends CustomerConflict {

        public ComplaintAlreadyResolved(String complaintId) {
            super("complaint " + complaintId + " is already resolved", Map.of("complaintId", complaintId));
        }
    }

    /** The customer is already on credit hold. */
    public static final class CreditHoldAlreadyPlaced extends CustomerConflict {

        public CreditHoldAlreadyPlaced(String customerId) {
            super("customer " + customerId + " is already on credit hold", Map.of("customerId", customerId));
        }
    }

    /** There is no credit hold to release. */
    public static final class CreditHoldNotPlaced extends CustomerConflict {

        public CreditHoldNotPlaced(String customerId) {
            super("customer " + customerId + " is not on credit hold", Map.of("customerId", customerId));
        }
    }

    /** Another customer already holds this credit code, mobile number or e-mail. */
    public static final class CustomerAlreadyRegistered extends CustomerConflict {

        public CustomerAlreadyRegistered(String field, String value, String existingCustomerId) {
            super("a customer with this " + field + " is already registered: " + existingCustomerId, Map.of("field", field, "existingCustomerId", existingCustomerId));
        }
    }

    /** The person's data was erased: nothing new is stored about them. */
    public static final class PersonalDataIsErased extends CustomerConflict {

        public PersonalDataIsErased(String subjectId) {
            super("the personal data of " + subjectId + " was erased; nothing new is stored about this person",
                    Map.of("field", "subjectId", "subjectId", subjectId));
        }
    }

    /** The customer was merged into a survivor and is read-only. */
    public static final class CustomerIsMerged extends CustomerConflict {

        public CustomerIsMerged(String customerId, String survivorId) {
            super("customer " + customerId + " was merged into " + survivorId + " and is read-only", Map.of("customerId", customerId, "survivorId", survivorId));
        }
    }

    /** The customer is churned, dropped or merged and takes no new opportunities. */
    public static final class CustomerNotOpenForBusiness extends CustomerConflict {

        public CustomerNotOpenForBusiness(String customerId, String state) {
            super("customer " + customerId + " is " + state + " and takes no new opportunities", Map.of("customerId", customerId, "state", state));
        }
    }

    /** An ERP document number was recorded before with other content. */
    public static final class DocumentNumberConflict extends CustomerConflict {

        public DocumentNumberConflict(String field, String number) {
            super("document " + number + " was already recorded with different content", Map.of("field", field, "number", number));
        }
    }

    /** A duplicate with credit reservations or unpaid invoices cannot be merged; settle them first. */
    public static final class DuplicateHasOpenCredit extends CustomerConflict {

        public DuplicateHasOpenCredit(String customerId) {
            super("customer " + customerId + " has credit reservations or unpaid invoices; settle them before merging", Map.of("customerId", customerId));
        }
    }

    /** The follow-up was already completed. */
    public static final class FollowUpAlreadyCompleted extends CustomerConflict {

        public FollowUpAlreadyCompleted(String followUpId) {
            super("follow-up " + followUpId + " is already completed", Map.of("followUpId", followUpId));
        }
    }

    /** The invoice is fully paid and cannot be overdue. */
    public static final class InvoiceAlreadyPaid extends CustomerConflict {

        public InvoiceAlreadyPaid(String invoiceNumber) {
            super("invoice " + invoiceNumber + " is fully paid", Map.of("invoiceNumber", invoiceNumber));
        }
    }

    /** The command makes no sense in the customer's current lifecycle stage. */
    public static final class LifecycleTransitionRefused extends CustomerConflict {

        public LifecycleTransitionRefused(String customerId, LifecycleStage stage, String attempted) {
            super("cannot " + attempted + " a customer who is " + stage, Map.of("stage", stage.name(), "attempted", attempted));
        }
    }

    /** A service request's step out of its order (a visit before a booking, anything after closing). */
    public static final class ServiceRequestStepRefused extends CustomerConflict {

        public ServiceRequestStepRefused(String requestId, String status, String step) {
            super("service request " + requestId + " is " + status + ": it cannot be " + step,
                    Map.of("requestId", requestId, "status", status, "step", step));
        }
    }

    /** The primary contact cannot be removed while other contacts exist. */
    public static final class PrimaryContactRemovalRefused extends CustomerConflict {

        public PrimaryContactRemovalRefused(String contactId) {
            super("contact " + contactId + " is the primary contact; choose another primary contact first", Map.of("field", "contactId", "contactId", contactId));
        }
    }
}
