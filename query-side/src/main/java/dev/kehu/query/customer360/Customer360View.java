package dev.kehu.query.customer360;

import dev.kehu.events.Money;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.query.projection.Docs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The customer 360 view of one customer, as {@link Customer360Fold} computes it and as the {@code customer_360}
 * document stores it ({@link Customer360Documents} maps one onto the other, field for field). Values are what a view
 * can hold: amounts storable as Decimal128 or null ({@link Docs#storable}), dates as ISO strings or null outside the
 * years 0000–9999, instants to the millisecond or null beyond a BSON date. Credit exposure is not a field: it is
 * derived from the limit, open deals, reservations and invoices whenever the view is stored.
 */
public record Customer360View(
        String customerId,
        long appliedPosition,
        String kind,
        Profile profile,
        Instant registeredAt,
        String lifecycle,
        Maybe<LifecycleDetail> lifecycleDetail,
        String tier,
        Maybe<Amount> twelveMonthSpend,
        String accountManager,
        List<Assignment> assignmentHistory,
        List<Contact> contacts,
        String primaryContactId,
        Credit credit,
        List<Invoice> invoices,
        Integer paidInvoicesNotShown,
        List<OpportunitySummary> openOpportunities,
        List<Interaction> lastInteractions,
        int interactionCount,
        String lastInteractionOn,
        List<FollowUp> openFollowUps,
        Complaints complaints,
        int orderCount,
        String lastOrderOn,
        String mergedInto,
        List<String> absorbedDuplicates,
        Maybe<String> lastReturnVisitOn,
        Integer lastSatisfactionScore,
        List<DaySpend> spendByDay,
        List<ClosedOpportunity> recentlyClosedOpportunities,
        Investigation latestInvestigation,
        dev.kehu.query.figures.PaymentRecord paymentRecord,
        List<ServiceRequest> serviceRequests,
        List<Delivery> recentDeliveries,
        List<RecentOrder> recentOrders) {

    /**
     * A field the document may lack altogether: the record component is null while the document has no such key,
     * {@code Maybe(null)} once the key is stored with a null value (as the view always stored it).
     */
    public record Maybe<T>(T value) {
    }

    /** An amount as stored: the storable amount (null when a view cannot hold it) and its currency. */
    public record Amount(BigDecimal amount, String currency) {
        public static Amount of(Money money) {
            return money == null ? null : new Amount(Docs.storable(money.amount()), money.currency());
        }

        /** The amount to sum: zero when absent. */
        public BigDecimal value() {
            return amount == null ? BigDecimal.ZERO : amount;
        }
    }

    public record Profile(String name, String chineseName, String latinName, String creditCode, Phone mobile,
                          String email, String industry, String region, String segment, String sourceChannel,
                          List<String> tags, List<String> addresses, Map<String, String> preferences, String notes) {
    }

    /** Why the customer reached its lifecycle stage; {@code competitor} only for a churn. */
    public record LifecycleDetail(String reason, Maybe<String> competitor) {
    }

    public record Assignment(String accountManager, String previousAccountManager, String reason, Instant assignedAt,
                             String assignedBy) {
    }

    public record Contact(String contactId, String name, String title, List<Phone> phones, List<String> emails,
                          String notes, boolean primary) {
    }

    /** Credit limit, rating, hold and the reservations of won deals not invoiced yet, by opportunity id. */
    public record Credit(Amount limit, String rating, boolean hold, String holdReason, Map<String, Amount> reservations) {
    }

    /** {@code paidOn} is absent until the invoice is paid in full. */
    public record Invoice(String invoiceNumber, Amount amount, Amount outstanding, String invoicedOn, String dueOn,
                          String orderNumber, String overdueSince, Maybe<String> paidOn) {
    }

    public record OpportunitySummary(String opportunityId, String title, Amount amount, String stage, Integer probability,
                                     String expectedCloseDate, String ownerId, String priority) {
    }

    public record Interaction(String interactionId, String channel, String contactId, String occurredOn, String outcome,
                              String notes, String recordedBy) {
    }

    /** The customer's order amounts summed per order day and currency, by day: the twelve-month spend is summed from it at query time. */
    public record DaySpend(String day, Amount amount) {
    }

    /** A deal won or lost lately (the last ones, latest first); it leaves the list when reopened. */
    public record ClosedOpportunity(String opportunityId, String title, Amount amount, String status, Instant closedAt,
                                    String ownerId) {
    }

    /** The credit investigation with the latest date (信用调查); absent from the document before the first. */
    public record Investigation(String investigationId, List<String> sources, String findings, String evaluation,
                                String proposedRating, String investigatedBy, String investigatedOn) {
    }

    /**
     * An after-sales service request: open ones and the last closed ones; the list is absent before the first.
     * {@code complaintIds}: the complaints that refer to it.
     */
    public record ServiceRequest(String requestId, String problem, String equipment, String status, String reportedOn,
                                 String engineer, String appointmentDate, String window, String closedOn,
                                 Integer satisfactionScore, List<String> complaintIds) {
    }

    /** A delivery from the ERP (发货), the last ones by shipping day; the list is absent before the first. */
    public record Delivery(String deliveryNumber, String orderNumber, String shippedOn, Amount amount, String status,
                           String statusOn) {
    }

    /**
     * An order, the last ones by order day, with where its deliveries stand ({@code deliveryStatus}: NOT_SHIPPED,
     * SHIPPED while one is on its way, RETURNED when one came back, else DELIVERED); absent before the first order.
     */
    public record RecentOrder(String orderNumber, String orderedOn, Amount amount, String deliveryStatus,
                              List<OrderDelivery> deliveries) {
    }

    /** One delivery of a {@link RecentOrder} and its status. */
    public record OrderDelivery(String deliveryNumber, String status) {
    }

    public record FollowUp(String followUpId, String interactionId, String dueOn) {
    }

    public record Complaints(int open, int resolved, List<Complaint> recent) {
    }

    /**
     * {@code resolution} is stored once the complaint is resolved, {@code serviceRequestId} once it refers to a
     * service request.
     */
    public record Complaint(String complaintId, String subject, String status, Instant loggedAt, Instant resolvedAt,
                            Integer satisfactionScore, Maybe<String> resolution, Maybe<String> serviceRequestId) {
    }

    /** An instant as a view stores it: to the millisecond, or null beyond a BSON date. */
    static Instant storable(Instant instant) {
        Date date = Docs.instant(instant);
        return date == null ? null : date.toInstant();
    }
}
