package dev.kehu.query.customer360;

import dev.kehu.events.Money;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.service.ComplaintResolved;
import dev.kehu.events.customer.lifecycle.CustomerActivated;
import dev.kehu.events.customer.lifecycle.CustomerBecameDormant;
import dev.kehu.events.customer.lifecycle.CustomerChurned;
import dev.kehu.events.customer.lifecycle.CustomerDropped;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.lifecycle.CustomerReactivated;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.followup.FollowUpCompleted;
import dev.kehu.events.customer.followup.FollowUpRescheduled;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.credit.InvoiceOverdue;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.followup.OpenFollowUp;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.customer.service.ReturnVisitRecorded;
import dev.kehu.query.figures.CreditExposure;
import dev.kehu.query.figures.PaymentRecord;
import dev.kehu.query.customer360.Customer360View.Amount;
import dev.kehu.query.customer360.Customer360View.Complaint;
import dev.kehu.query.customer360.Customer360View.FollowUp;
import dev.kehu.query.customer360.Customer360View.Interaction;
import dev.kehu.query.customer360.Customer360View.Invoice;
import dev.kehu.query.customer360.Customer360View.LifecycleDetail;
import dev.kehu.query.customer360.Customer360View.Maybe;
import dev.kehu.query.fold.FoldEvent;
import dev.kehu.query.projection.Docs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.kehu.query.customer360.Customer360Fold.findBy;
import static dev.kehu.query.customer360.Customer360Fold.putBy;

/**
 * The part of {@link Customer360Fold} for what happens with a customer over time: invoices and payments, orders,
 * lifecycle, merges, interactions, follow-ups, complaints and return visits.
 */
final class Customer360Activity {

    private Customer360Activity() {
    }

    /** Changes the draft for the event; false when the event is not one of these. */
    static boolean change(Customer360Draft d, Object payload, FoldEvent at) {
        if (payload instanceof InvoiceRecorded e) {
            putBy(d.invoices, Invoice::invoiceNumber, e.invoiceNumber(), Customer360Fold.invoice(e));
            if (e.opportunityId() != null) {
                Map<String, Amount> reservations = new LinkedHashMap<>(d.credit.reservations());
                Amount reserved = reservations.remove(e.opportunityId());
                Amount invoiced = Amount.of(e.amount());
                BigDecimal left = reserved == null ? null : CreditExposure.reservationLeft(reserved.value(), reserved.currency(),
                        invoiced == null ? null : invoiced.amount(), invoiced == null ? null : invoiced.currency());
                if (left != null) {
                    reservations.put(e.opportunityId(), new Amount(left, reserved.currency()));
                }
                d.credit = Customer360Fold.credit(d, d.credit.limit(), d.credit.rating(), d.credit.hold(), d.credit.holdReason(), reservations);
            }
        } else if (payload instanceof PaymentRecorded e) {
            paid(d, e);
        } else if (payload instanceof InvoiceOverdue e) {
            Invoice invoice = findBy(d.invoices, Invoice::invoiceNumber, e.invoiceNumber());
            if (invoice != null) {
                replace(d.invoices, invoice, new Invoice(invoice.invoiceNumber(), invoice.amount(), Amount.of(e.outstanding()),
                        invoice.invoicedOn(), invoice.dueOn(), invoice.orderNumber(), Docs.date(e.overdueSince()), invoice.paidOn()));
            }
        } else if (payload instanceof OrderRecorded e) {
            Customer360Deliveries.ordered(d, e);
            d.orderCount++;
            String on = Docs.date(e.orderedOn());
            addSpend(d, on, Amount.of(e.amount()));
            if (Docs.later(on, d.lastOrderOn)) {
                d.lastOrderOn = on;
            }
        } else if (payload instanceof CustomerActivated) {
            lifecycle(d, LifecycleStage.ACTIVE, null);
        } else if (payload instanceof CustomerBecameDormant) {
            lifecycle(d, LifecycleStage.DORMANT, null);
        } else if (payload instanceof CustomerChurned e) {
            lifecycle(d, LifecycleStage.CHURNED, Customer360Fold.detail(e.reason(), e.competitor(), true));
        } else if (payload instanceof CustomerDropped e) {
            lifecycle(d, LifecycleStage.DROPPED, Customer360Fold.detail(e.reason(), null, false));
        } else if (payload instanceof CustomerReactivated e) {
            lifecycle(d, LifecycleStage.REACTIVATED, Customer360Fold.detail(e.reason(), null, false));
        } else if (payload instanceof CustomerMerged e) {
            d.mergedInto = e.survivorId();
        } else if (payload instanceof DuplicateCustomerAbsorbed e) {
            e.contacts().forEach(contact -> Customer360Fold.putContact(d, contact));
            for (OpenFollowUp followUp : e.followUps()) {
                putBy(d.openFollowUps, FollowUp::followUpId, followUp.followUpId(), Customer360Fold.followUp(followUp));
            }
            Customer360Fold.sortFollowUps(d.openFollowUps);
            if (d.absorbedDuplicates == null) {
                d.absorbedDuplicates = new ArrayList<>();
            }
            d.absorbedDuplicates.add(e.duplicateId());
        } else if (payload instanceof InteractionRecorded e) {
            interaction(d, e, at);
        } else if (payload instanceof FollowUpScheduled e) {
            putBy(d.openFollowUps, FollowUp::followUpId, e.followUpId(),
                    new FollowUp(e.followUpId(), e.interactionId(), Docs.date(e.dueOn())));
            Customer360Fold.sortFollowUps(d.openFollowUps);
        } else if (payload instanceof FollowUpRescheduled e) {
            FollowUp followUp = findBy(d.openFollowUps, FollowUp::followUpId, e.followUpId());
            if (followUp != null) {
                replace(d.openFollowUps, followUp, new FollowUp(followUp.followUpId(), followUp.interactionId(), Docs.date(e.dueOn())));
                Customer360Fold.sortFollowUps(d.openFollowUps);
            }
        } else if (payload instanceof FollowUpCompleted e) {
            d.openFollowUps.removeIf(f -> Objects.equals(f.followUpId(), e.followUpId()));
        } else if (payload instanceof ComplaintLogged e) {
            List<Complaint> recent = new ArrayList<>(d.complaints.recent());
            recent.add(0, new Complaint(e.complaintId(), e.subject(), "OPEN", Customer360View.storable(at.timestamp()), null, null, null,
                    null));
            while (recent.size() > Customer360Fold.RECENT_COMPLAINTS) {
                recent.remove(recent.size() - 1);
            }
            d.complaints = Customer360Fold.complaints(d.complaints.open() + 1, d.complaints.resolved(), recent);
        } else if (payload instanceof ComplaintResolved e) {
            List<Complaint> recent = new ArrayList<>(d.complaints.recent());
            Complaint complaint = findBy(recent, Complaint::complaintId, e.complaintId());
            if (complaint != null) {
                replace(recent, complaint, new Complaint(complaint.complaintId(), complaint.subject(), "RESOLVED", complaint.loggedAt(),
                        Customer360View.storable(at.timestamp()), e.satisfactionScore(), new Maybe<>(e.resolution()),
                        complaint.serviceRequestId()));
            }
            d.complaints = Customer360Fold.complaints(Math.max(0, d.complaints.open() - 1), d.complaints.resolved() + 1, recent);
        } else if (payload instanceof ReturnVisitRecorded e) {
            d.lastReturnVisitOn = new Maybe<>(Docs.date(e.visitedOn()));
            if (e.satisfactionScore() != null) {
                d.lastSatisfactionScore = e.satisfactionScore();
            }
        } else {
            return false;
        }
        return true;
    }

    private static void paid(Customer360Draft d, PaymentRecorded e) {
        Invoice invoice = findBy(d.invoices, Invoice::invoiceNumber, e.invoiceNumber());
        if (invoice != null) {
            BigDecimal left = Customer360Fold.value(invoice.outstanding()).subtract(Docs.amount(e.amount())).max(BigDecimal.ZERO);
            Amount outstanding = Amount.of(new Money(left, e.amount().currency()));
            Maybe<String> paidOn = left.signum() == 0 ? new Maybe<>(Docs.date(e.paidOn())) : invoice.paidOn();
            if (left.signum() == 0 && invoice.paidOn() == null) {
                d.paymentRecord = (d.paymentRecord == null ? PaymentRecord.NONE : d.paymentRecord).paid(
                        Docs.localDate(invoice.invoicedOn()), Docs.localDate(invoice.dueOn()), Docs.localDate(paidOn.value()));
            }
            replace(d.invoices, invoice, new Invoice(invoice.invoiceNumber(), invoice.amount(), outstanding, invoice.invoicedOn(),
                    invoice.dueOn(), invoice.orderNumber(), invoice.overdueSince(), paidOn));
        }
        trimPaidInvoices(d);
    }

    /** Keeps every unpaid invoice and only the most recently invoiced paid ones; the count of all stays. */
    private static void trimPaidInvoices(Customer360Draft d) {
        List<Invoice> paid = d.invoices.stream().filter(i -> Customer360Fold.value(i.outstanding()).signum() == 0).toList();
        if (paid.size() <= Customer360Fold.PAID_INVOICES_KEPT) {
            return;
        }
        List<Invoice> dropped = paid.stream()
                .sorted(Comparator.comparing(Invoice::invoicedOn, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Invoice::invoiceNumber, Comparator.nullsFirst(Comparator.naturalOrder())))
                .limit(paid.size() - Customer360Fold.PAID_INVOICES_KEPT).toList();
        d.invoices.removeIf(i -> dropped.stream().anyMatch(gone -> gone == i));
        d.paidInvoicesNotShown = (d.paidInvoicesNotShown == null ? 0 : d.paidInvoicesNotShown) + dropped.size();
    }

    private static void interaction(Customer360Draft d, InteractionRecorded e, FoldEvent at) {
        List<Interaction> last = d.lastInteractions;
        last.add(Customer360Fold.interaction(e, at));
        last.sort(Comparator.comparing(Interaction::occurredOn, Comparator.nullsFirst(Comparator.<String>naturalOrder())).reversed()
                .thenComparing(Interaction::interactionId, Comparator.nullsLast(Comparator.naturalOrder())));
        while (last.size() > Customer360Fold.LAST_INTERACTIONS) {
            last.remove(last.size() - 1);
        }
        d.interactionCount++;
        String on = Docs.date(e.occurredOn());
        if (Docs.later(on, d.lastInteractionOn)) {
            d.lastInteractionOn = on;
        }
    }

    private static void lifecycle(Customer360Draft d, LifecycleStage stage, LifecycleDetail detail) {
        d.lifecycle = stage.name();
        d.lifecycleDetail = new Maybe<>(detail);
    }

    /** Replaces the very element (by identity) with its changed copy, in place. */
    private static <T> void replace(List<T> list, T element, T changed) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == element) {
                list.set(i, changed);
                return;
            }
        }
    }

    /** Adds an order's amount to its day and currency (an order without a date or storable amount adds nothing). */
    private static void addSpend(Customer360Draft d, String day, Amount amount) {
        if (day == null || amount == null || amount.amount() == null) {
            return;
        }
        for (int i = 0; i < d.spendByDay.size(); i++) {
            Customer360View.DaySpend spend = d.spendByDay.get(i);
            if (spend.day().equals(day) && Objects.equals(spend.amount().currency(), amount.currency())) {
                d.spendByDay.set(i, new Customer360View.DaySpend(day, new Amount(
                        Docs.storable(spend.amount().value().add(amount.amount())), amount.currency())));
                return;
            }
        }
        d.spendByDay.add(new Customer360View.DaySpend(day, amount));
        d.spendByDay.sort(java.util.Comparator.comparing(Customer360View.DaySpend::day));
    }
}
