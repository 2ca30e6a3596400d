package dev.kehu.query.customer360;

import dev.kehu.query.customer360.Customer360View.Amount;
import dev.kehu.query.customer360.Customer360View.ClosedOpportunity;
import dev.kehu.query.customer360.Customer360View.DaySpend;
import dev.kehu.query.customer360.Customer360View.Assignment;
import dev.kehu.query.customer360.Customer360View.Complaints;
import dev.kehu.query.customer360.Customer360View.Contact;
import dev.kehu.query.customer360.Customer360View.Credit;
import dev.kehu.query.customer360.Customer360View.FollowUp;
import dev.kehu.query.customer360.Customer360View.Interaction;
import dev.kehu.query.customer360.Customer360View.Invoice;
import dev.kehu.query.customer360.Customer360View.LifecycleDetail;
import dev.kehu.query.customer360.Customer360View.Maybe;
import dev.kehu.query.customer360.Customer360View.OpportunitySummary;
import dev.kehu.query.customer360.Customer360View.Profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A mutable copy of a {@link Customer360View} inside one step of the fold (records have no withers). Lists are
 * copied on the way in, so the view it came from never changes; it lives only within {@link Customer360Fold}.
 */
final class Customer360Draft {

    String customerId;
    long appliedPosition;
    String kind;
    Profile profile;
    Instant registeredAt;
    String lifecycle;
    Maybe<LifecycleDetail> lifecycleDetail;
    String tier;
    Maybe<Amount> twelveMonthSpend;
    String accountManager;
    List<Assignment> assignmentHistory;
    List<Contact> contacts;
    String primaryContactId;
    Credit credit;
    List<Invoice> invoices;
    Integer paidInvoicesNotShown;
    List<OpportunitySummary> openOpportunities;
    List<Interaction> lastInteractions;
    int interactionCount;
    String lastInteractionOn;
    List<FollowUp> openFollowUps;
    Complaints complaints;
    int orderCount;
    String lastOrderOn;
    String mergedInto;
    List<String> absorbedDuplicates;
    Maybe<String> lastReturnVisitOn;
    Integer lastSatisfactionScore;
    List<DaySpend> spendByDay;
    List<ClosedOpportunity> recentlyClosedOpportunities;
    Customer360View.Investigation latestInvestigation;
    dev.kehu.query.figures.PaymentRecord paymentRecord;
    List<Customer360View.ServiceRequest> serviceRequests;
    List<Customer360View.Delivery> recentDeliveries;
    List<Customer360View.RecentOrder> recentOrders;

    Customer360Draft(Customer360View view) {
        customerId = view.customerId();
        appliedPosition = view.appliedPosition();
        kind = view.kind();
        profile = view.profile();
        registeredAt = view.registeredAt();
        lifecycle = view.lifecycle();
        lifecycleDetail = view.lifecycleDetail();
        tier = view.tier();
        twelveMonthSpend = view.twelveMonthSpend();
        accountManager = view.accountManager();
        assignmentHistory = copy(view.assignmentHistory());
        contacts = copy(view.contacts());
        primaryContactId = view.primaryContactId();
        credit = view.credit();
        invoices = copy(view.invoices());
        paidInvoicesNotShown = view.paidInvoicesNotShown();
        openOpportunities = copy(view.openOpportunities());
        lastInteractions = copy(view.lastInteractions());
        interactionCount = view.interactionCount();
        lastInteractionOn = view.lastInteractionOn();
        openFollowUps = copy(view.openFollowUps());
        complaints = view.complaints();
        orderCount = view.orderCount();
        lastOrderOn = view.lastOrderOn();
        mergedInto = view.mergedInto();
        absorbedDuplicates = view.absorbedDuplicates() == null ? null : new ArrayList<>(view.absorbedDuplicates());
        lastReturnVisitOn = view.lastReturnVisitOn();
        lastSatisfactionScore = view.lastSatisfactionScore();
        spendByDay = copy(view.spendByDay());
        recentlyClosedOpportunities = copy(view.recentlyClosedOpportunities());
        latestInvestigation = view.latestInvestigation();
        paymentRecord = view.paymentRecord();
        serviceRequests = view.serviceRequests() == null ? null : new ArrayList<>(view.serviceRequests());
        recentDeliveries = view.recentDeliveries() == null ? null : new ArrayList<>(view.recentDeliveries());
        recentOrders = view.recentOrders() == null ? null : new ArrayList<>(view.recentOrders());
    }

    Customer360View view() {
        return new Customer360View(customerId, appliedPosition, kind, profile, registeredAt, lifecycle, lifecycleDetail,
                tier, twelveMonthSpend, accountManager, frozen(assignmentHistory), frozen(contacts),
                primaryContactId, credit, frozen(invoices), paidInvoicesNotShown, frozen(openOpportunities),
                frozen(lastInteractions), interactionCount, lastInteractionOn, frozen(openFollowUps), complaints,
                orderCount, lastOrderOn, mergedInto, absorbedDuplicates == null ? null : frozen(absorbedDuplicates),
                lastReturnVisitOn, lastSatisfactionScore, frozen(spendByDay), frozen(recentlyClosedOpportunities),
                latestInvestigation, paymentRecord, serviceRequests == null ? null : frozen(serviceRequests),
                recentDeliveries == null ? null : frozen(recentDeliveries), recentOrders == null ? null : frozen(recentOrders));
    }

    /** Unmodifiable, nulls allowed (an old event may carry a null id: the view kept it as it came). */
    static <T> List<T> frozen(List<T> list) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(list));
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }
}
