package dev.kehu.query.history;

import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.service.ComplaintResolved;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactRemoved;
import dev.kehu.events.customer.lifecycle.CustomerActivated;
import dev.kehu.events.customer.lifecycle.CustomerBecameDormant;
import dev.kehu.events.customer.lifecycle.CustomerChurned;
import dev.kehu.events.customer.lifecycle.CustomerDropped;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.lifecycle.CustomerReactivated;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.followup.FollowUpCompleted;
import dev.kehu.events.customer.followup.FollowUpRescheduled;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import org.axonframework.eventhandling.EventMessage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected state of a history, folded straight from the events with no MongoDB in between:
 * what the view tests compare the projections' answers with.
 */
public final class HistoryOracle {

    public final Map<String, Customer> customers = new LinkedHashMap<>();
    public final Map<String, FollowUp> followUps = new LinkedHashMap<>();
    public final Map<String, Opportunity> opportunities = new LinkedHashMap<>();
    public final Map<String, Invoice> invoices = new HashMap<>();
    public final Map<String, Boolean> complaintsResolved = new LinkedHashMap<>();

    public static final class Customer {
        public String id;
        public String name;
        public String region;
        public String manager;
        public String lifecycle = "PROSPECT";
        public int contacts;
    }

    public record FollowUp(String customerId, LocalDate dueOn, boolean open) {
    }

    public static final class Opportunity {
        public String customerId;
        public String ownerId;
        public String stage;
        public String status = "OPEN";
    }

    public static final class Invoice {
        public String customerId;
        public LocalDate dueOn;
        public BigDecimal outstanding;
    }

    public static HistoryOracle of(List<? extends EventMessage<?>> events) {
        HistoryOracle oracle = new HistoryOracle();
        events.forEach(e -> oracle.apply(e.getPayload()));
        return oracle;
    }

    public void apply(Object event) {
        if (event instanceof CustomerRegistered e) {
            Customer c = new Customer();
            c.id = e.customerId();
            c.name = e.profile().displayName();
            c.region = e.profile().region();
            customers.put(c.id, c);
        } else if (event instanceof CustomerProfileChanged e) {
            customers.get(e.customerId()).name = e.profile().displayName();
            customers.get(e.customerId()).region = e.profile().region();
        } else if (event instanceof AccountManagerAssigned e) {
            customers.get(e.customerId()).manager = e.accountManager();
        } else if (event instanceof ContactAdded e) {
            customers.get(e.customerId()).contacts++;
        } else if (event instanceof ContactRemoved e) {
            customers.get(e.customerId()).contacts--;
        } else if (event instanceof CustomerActivated e) {
            customers.get(e.customerId()).lifecycle = "ACTIVE";
        } else if (event instanceof CustomerBecameDormant e) {
            customers.get(e.customerId()).lifecycle = "DORMANT";
        } else if (event instanceof CustomerChurned e) {
            customers.get(e.customerId()).lifecycle = "CHURNED";
        } else if (event instanceof CustomerDropped e) {
            customers.get(e.customerId()).lifecycle = "DROPPED";
        } else if (event instanceof CustomerReactivated e) {
            customers.get(e.customerId()).lifecycle = "REACTIVATED";
        } else if (event instanceof FollowUpScheduled e) {
            followUps.put(e.followUpId(), new FollowUp(e.customerId(), e.dueOn(), true));
        } else if (event instanceof FollowUpRescheduled e) {
            followUps.computeIfPresent(e.followUpId(), (k, f) -> new FollowUp(f.customerId(), e.dueOn(), f.open()));
        } else if (event instanceof FollowUpCompleted e) {
            followUps.computeIfPresent(e.followUpId(), (k, f) -> new FollowUp(f.customerId(), f.dueOn(), false));
        } else if (event instanceof InvoiceRecorded e) {
            Invoice i = new Invoice();
            i.customerId = e.customerId();
            i.dueOn = e.dueOn();
            i.outstanding = e.amount().amount();
            invoices.put(e.invoiceNumber(), i);
        } else if (event instanceof PaymentRecorded e) {
            Invoice i = invoices.get(e.invoiceNumber());
            i.outstanding = i.outstanding.subtract(e.amount().amount()).max(BigDecimal.ZERO);
        } else if (event instanceof ComplaintLogged e) {
            complaintsResolved.put(e.complaintId(), false);
        } else if (event instanceof ComplaintResolved e) {
            complaintsResolved.put(e.complaintId(), true);
        } else if (event instanceof OpportunityOpened e) {
            Opportunity o = new Opportunity();
            o.customerId = e.customerId();
            o.ownerId = e.ownerId();
            o.stage = e.stage().name();
            opportunities.put(e.opportunityId(), o);
        } else if (event instanceof OpportunityStageChanged e) {
            opportunities.get(e.opportunityId()).stage = e.to().name();
        } else if (event instanceof OpportunityWon e) {
            opportunities.get(e.opportunityId()).stage = "WON";
            opportunities.get(e.opportunityId()).status = "WON";
        } else if (event instanceof OpportunityLost e) {
            opportunities.get(e.opportunityId()).stage = "LOST";
            opportunities.get(e.opportunityId()).status = "LOST";
        } else if (event instanceof OpportunityReopened e) {
            opportunities.get(e.opportunityId()).stage = e.stage().name();
            opportunities.get(e.opportunityId()).status = "OPEN";
        } else if (event instanceof dev.kehu.events.opportunity.OpportunityOwnerReassigned e) {
            opportunities.get(e.opportunityId()).ownerId = e.ownerId();
        }
    }
}
