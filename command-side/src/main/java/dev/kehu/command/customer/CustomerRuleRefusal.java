package dev.kehu.command.customer;

import dev.kehu.events.Money;
import dev.kehu.events.customer.CustomerKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The 422 Unprocessable Content kind of {@link CustomerRefusal}: a business rule refused the command. */
public abstract sealed class CustomerRuleRefusal extends CustomerRefusal {

    protected CustomerRuleRefusal(String message, Map<String, Object> details) {
        super(message, details);
    }

    /** A customer cannot be merged into itself. */
    public static final class CannotMergeIntoItself extends CustomerRuleRefusal {

        public CannotMergeIntoItself(String customerId) {
            super("customer " + customerId + " cannot be merged into itself", Map.of("field", "survivorId"));
        }
    }

    /** Only an individual customer is a person whose own data can be erased (a company's contacts can be). */
    public static final class ErasureNeedsAnIndividual extends CustomerRuleRefusal {

        public ErasureNeedsAnIndividual(String customerId) {
            super("customer " + customerId + " is not an individual: erase one of its contacts instead",
                    Map.of("field", "subjectType", "customerId", customerId));
        }
    }

    /** Only company customers have contact persons. */
    public static final class ContactsRequireCompany extends CustomerRuleRefusal {

        public ContactsRequireCompany(String customerId) {
            super("customer " + customerId + " is an individual; only companies have contacts", Map.of("customerId", customerId));
        }
    }

    /** A company customer needs its unified social credit code. */
    public static final class CreditCodeRequired extends CustomerRuleRefusal {

        public CreditCodeRequired() {
            super("a company customer needs its unified social credit code", Map.of("field", "profile.creditCode"));
        }
    }

    /** The requested credit does not fit: requested &gt; limit − exposure. Carries the figures. */
    public static final class CreditLimitExceeded extends CustomerRuleRefusal {

        private final Money limit;
        private final Money exposure;
        private final Money requested;

        public CreditLimitExceeded(String customerId, Money limit, Money exposure, Money requested) {
            super("requested " + requested.amount().toPlainString() + " " + requested.currency()
                            + " exceeds the available credit of customer " + customerId + ": limit "
                            + limit.amount().toPlainString() + " minus exposure " + exposure.amount().toPlainString(),
                    Map.of("rule", "credit-limit", "customerId", customerId,
                            "limit", limit.amount(), "exposure", exposure.amount(),
                            "requested", requested.amount(), "currency", limit.currency()));
            this.limit = limit;
            this.exposure = exposure;
            this.requested = requested;
        }

        public Money limit() {
            return limit;
        }

        public Money exposure() {
            return exposure;
        }

        public Money requested() {
            return requested;
        }
    }

    /**
     * Raising the credit limit beyond the credit review thresholds needs a recent credit investigation. Carries
     * the figures: which threshold was crossed, the current and requested limit, the thresholds, the latest
     * investigation's date (null without one) and the oldest date accepted.
     */
    public static final class CreditInvestigationRequired extends CustomerRuleRefusal {

        public CreditInvestigationRequired(String customerId, CreditReviewPolicy.Trigger trigger, Money current,
                                           Money requested, CreditReviewPolicy policy, LocalDate latestInvestigatedOn,
                                           LocalDate oldestAccepted) {
            super("raising the credit limit of customer " + customerId + " to " + requested.amount().toPlainString()
                            + " " + requested.currency() + (trigger == CreditReviewPolicy.Trigger.AMOUNT
                            ? " (above " + policy.amount().toPlainString() + " " + policy.currency() + ")"
                            : " (more than " + policy.share().toPlainString() + " above the current "
                            + current.amount().toPlainString() + ")")
                            + " needs a credit investigation dated " + oldestAccepted + " or later; "
                            + (latestInvestigatedOn == null ? "there is none" : "the latest is of " + latestInvestigatedOn),
                    investigationFigures(customerId, trigger, current, requested, policy, latestInvestigatedOn,
                            oldestAccepted));
        }

        private static Map<String, Object> investigationFigures(String customerId, CreditReviewPolicy.Trigger trigger,
                                                                Money current, Money requested,
                                                                CreditReviewPolicy policy,
                                                                LocalDate latestInvestigatedOn,
                                                                LocalDate oldestAccepted) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("rule", "credit-investigation");
            figures.put("customerId", customerId);
            figures.put("threshold", trigger.name().toLowerCase(java.util.Locale.ROOT));
            figures.put("currentLimit", current == null ? null : current.amount());
            figures.put("requested", requested.amount());
            figures.put("currency", requested.currency());
            figures.put("thresholdAmount", policy.amount());
            figures.put("thresholdCurrency", policy.currency());
            figures.put("thresholdShare", policy.share());
            figures.put("maxAgeMonths", policy.months());
            figures.put("latestInvestigationOn", latestInvestigatedOn == null ? null : latestInvestigatedOn.toString());
            figures.put("oldestAcceptedOn", oldestAccepted.toString());
            return figures;
        }
    }

    /** A delivery's status moves only forward: shipped → delivered → returned, or shipped → returned. */
    public static final class DeliveryStatusNotAllowed extends CustomerRuleRefusal {

        public DeliveryStatusNotAllowed(String deliveryNumber, Enum<?> from, Enum<?> to) {
            super("delivery " + deliveryNumber + " is " + from + " and cannot become " + to,
                    Map.of("field", "status", "deliveryNumber", deliveryNumber, "from", from.name(), "to", to.name()));
        }
    }

    /** An amount is not in the customer's credit currency. */
    public static final class CurrencyMismatch extends CustomerRuleRefusal {

        public CurrencyMismatch(String field, String expected, String given) {
            super(field + " must be in " + expected + ", not " + given, Map.of("field", field, "expected", expected, "given", given));
        }
    }

    /** A customer needs a Chinese or a Latin name. */
    public static final class CustomerNameRequired extends CustomerRuleRefusal {

        public CustomerNameRequired() {
            super("a customer needs a chineseName or a latinName", Map.of("field", "profile.chineseName"));
        }
    }

    /** No new credit while the customer is on credit hold. */
    public static final class CustomerOnCreditHold extends CustomerRuleRefusal {

        public CustomerOnCreditHold(String customerId) {
            super("customer " + customerId + " is on credit hold", Map.of("rule", "credit-hold", "customerId", customerId));
        }
    }

    /** Only customers of the same kind can be merged. */
    public static final class MergeKindMismatch extends CustomerRuleRefusal {

        public MergeKindMismatch(CustomerKind duplicateKind, CustomerKind survivorKind) {
            super("cannot merge a " + duplicateKind + " customer into a " + survivorKind + " customer", Map.of("field", "survivorId", "duplicateKind", duplicateKind.name(), "survivorKind", survivorKind.name()));
        }
    }

    /** A payment larger than what is still outstanding on its invoice. */
    public static final class PaymentExceedsOutstanding extends CustomerRuleRefusal {

        public PaymentExceedsOutstanding(String invoiceNumber, BigDecimal outstanding, BigDecimal paid) {
            super("payment of " + paid.toPlainString() + " exceeds the " + outstanding.toPlainString()
                            + " outstanding on invoice " + invoiceNumber,
                    Map.of("field", "amount", "invoiceNumber", invoiceNumber, "outstanding", outstanding, "paid", paid));
        }
    }

    /** Reassigning a customer to another account manager needs a reason. */
    public static final class ReassignmentNeedsReason extends CustomerRuleRefusal {

        public ReassignmentNeedsReason(String currentAccountManager) {
            super("reassigning from " + currentAccountManager + " needs a reason", Map.of("field", "reason"));
        }
    }

    /** Satisfaction scores run from 1 to 5. */
    public static final class SatisfactionScoreOutOfRange extends CustomerRuleRefusal {

        public SatisfactionScoreOutOfRange(int score) {
            super("satisfactionScore must be between 1 and 5, was " + score, Map.of("field", "satisfactionScore"));
        }
    }

    /** The invoice number was never recorded for this customer. */
    public static final class UnknownInvoice extends CustomerRuleRefusal {

        public UnknownInvoice(String invoiceNumber) {
            super("no invoice " + invoiceNumber + " recorded for this customer", Map.of("field", "invoiceNumber", "invoiceNumber", invoiceNumber));
        }
    }
}
