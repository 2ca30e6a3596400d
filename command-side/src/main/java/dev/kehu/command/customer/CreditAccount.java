package dev.kehu.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.customer.CustomerCommand.PlaceCreditHold;
import dev.kehu.command.customer.CustomerCommand.RecordInvoice;
import dev.kehu.command.customer.CustomerCommand.RecordOverdueInvoice;
import dev.kehu.command.customer.CustomerCommand.RecordPayment;
import dev.kehu.command.customer.CustomerCommand.ReleaseCreditHold;
import dev.kehu.command.customer.CustomerCommand.SetCreditRating;
import dev.kehu.command.customer.CustomerConflict.CreditHoldAlreadyPlaced;
import dev.kehu.command.customer.CustomerConflict.CreditHoldNotPlaced;
import dev.kehu.command.customer.CustomerConflict.DocumentNumberConflict;
import dev.kehu.command.customer.CustomerConflict.InvoiceAlreadyPaid;
import dev.kehu.command.customer.CustomerRuleRefusal.CreditLimitExceeded;
import dev.kehu.command.customer.CustomerRuleRefusal.CurrencyMismatch;
import dev.kehu.command.customer.CustomerRuleRefusal.CustomerOnCreditHold;
import dev.kehu.command.customer.CustomerRuleRefusal.PaymentExceedsOutstanding;
import dev.kehu.command.customer.CustomerRuleRefusal.UnknownInvoice;
import dev.kehu.events.Money;
import dev.kehu.events.customer.credit.CreditHoldPlaced;
import dev.kehu.events.customer.credit.CreditHoldReleased;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditRating;
import dev.kehu.events.customer.credit.CreditRatingSet;
import dev.kehu.events.customer.credit.CreditReleased;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.customer.credit.InvoiceOverdue;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The customer's credit (资信): rating, limit, credit hold, the reservations of won opportunities and
 * the ERP invoices and payments that make up its exposure. Part of the {@link Customer} aggregate
 * ({@code @AggregateMember}), so a reservation is checked against the same state that records it.
 *
 * <ul>
 *   <li>All credit figures are in the <em>credit currency</em>: the currency of the credit limit, CNY
 *       until a limit is set. Invoices, payments and reservations in another currency are refused
 *       ({@link CurrencyMismatch}).</li>
 *   <li>Limit: a customer without a limit has a limit of zero, so no credit can be reserved before a
 *       credit review has set one.</li>
 *   <li>Exposure = outstanding invoices (invoiced − paid, overdue ones included) + active credit
 *       reservations. Available credit = limit − exposure (may be negative).</li>
 *   <li>{@link #reserve} reserves credit for a won opportunity: refused while on credit hold
 *       ({@link CustomerOnCreditHold}) or when the amount exceeds the available credit
 *       ({@link CreditLimitExceeded}, carrying limit, exposure and requested amount). Calling it again
 *       for the same opportunity and amount changes nothing; with another amount the reservation is
 *       replaced (checked against the exposure without the old reservation). Once an invoice naming
 *       the opportunity has been recorded, the reservation has become invoice exposure and further
 *       calls change nothing.</li>
 *   <li>{@link #release} gives a reservation back (e.g. a won deal reopened); it is a no-op when there
 *       is none.</li>
 *   <li>An invoice with an opportunityId converts that much of the opportunity's reservation into
 *       invoice exposure: the reservation shrinks by the invoice amount and ends once invoices cover
 *       it; the invoice amount counts until paid (the read side's {@code CreditExposure} applies the
 *       same arithmetic, docs/read-side.md "Figures, one definition each").</li>
 * </ul>
 * ERP documents are idempotent on their number: the same content again changes nothing, other
 * content under a recorded number is a {@link DocumentNumberConflict}.
 */
final class CreditAccount {

    private CreditRating creditRating;
    private Money creditLimit;
    private boolean onCreditHold;
    private final Map<String, Money> reservations = new LinkedHashMap<>();
    private final Set<String> invoicedOpportunities = new HashSet<>();
    private final Map<String, Invoice> invoices = new LinkedHashMap<>();
    private final Map<String, PaymentRecorded> payments = new HashMap<>();

    // ---------------------------------------------------------------- administration

    @CommandHandler
    void handle(SetCreditRating command) {
        if (command.rating() != creditRating) {
            apply(new CreditRatingSet(command.customerId(), command.rating(), creditRating));
        }
    }

    void limit(String customerId, Money limit) {
        if (creditLimit != null && creditLimit.isSameAmountAs(limit)) {
            return;
        }
        if (!limit.currency().equals(currency()) && exposureAmount().signum() != 0) {
            throw new CurrencyMismatch("limit.currency", currency(), limit.currency());
        }
        apply(new CreditLimitSet(customerId, limit, creditLimit));
    }

    @CommandHandler
    void handle(PlaceCreditHold command) {
        if (onCreditHold) {
            throw new CreditHoldAlreadyPlaced(command.customerId());
        }
        apply(new CreditHoldPlaced(command.customerId(), command.reason()));
    }

    @CommandHandler
    void handle(ReleaseCreditHold command) {
        if (!onCreditHold) {
            throw new CreditHoldNotPlaced(command.customerId());
        }
        apply(new CreditHoldReleased(command.customerId(), command.reason()));
    }

    // ---------------------------------------------------------------- reservations of won opportunities

    void reserve(String customerId, String opportunityId, Money amount) {
        Objects.requireNonNull(opportunityId, "opportunityId");
        Money existing = reservations.get(opportunityId);
        if (invoicedOpportunities.contains(opportunityId) || (existing != null && existing.isSameAmountAs(amount))) {
            return;
        }
        if (onCreditHold) {
            throw new CustomerOnCreditHold(customerId);
        }
        requireCurrency("amount", amount);
        BigDecimal otherExposure = exposureAmount().subtract(existing == null ? BigDecimal.ZERO : existing.amount());
        if (amount.amount().compareTo(limitAmount().subtract(otherExposure)) > 0) {
            throw new CreditLimitExceeded(customerId, new Money(limitAmount(), currency()),
                    new Money(otherExposure, currency()), amount);
        }
        apply(new CreditReserved(customerId, opportunityId, amount));
    }

    void release(String customerId, String opportunityId, String reason) {
        Money reserved = reservations.get(opportunityId);
        if (reserved != null) {
            apply(new CreditReleased(customerId, opportunityId, reserved, reason));
        }
    }

    // ---------------------------------------------------------------- ERP invoices and payments

    @CommandHandler
    void handle(RecordInvoice command) {
        Invoice existing = invoices.get(command.invoiceNumber());
        if (existing != null) {
            InvoiceRecorded recorded = existing.recorded();
            if (OrderHistory.sameDocument(recorded.amount(), recorded.invoicedOn(), command.amount(), command.invoicedOn())
                    && Objects.equals(recorded.dueOn(), command.dueOn())
                    && Objects.equals(recorded.opportunityId(), command.opportunityId())) {
                return;
            }
            throw new DocumentNumberConflict("invoiceNumber", command.invoiceNumber());
        }
        requireCurrency("amount", command.amount());
        apply(new InvoiceRecorded(command.customerId(), command.invoiceNumber(), command.amount(), command.invoicedOn(),
                command.dueOn(), command.orderNumber(), command.opportunityId()));
    }

    @CommandHandler
    void handle(RecordPayment command) {
        PaymentRecorded existing = payments.get(command.paymentNumber());
        if (existing != null) {
            if (OrderHistory.sameDocument(existing.amount(), existing.paidOn(), command.amount(), command.paidOn())
                    && existing.invoiceNumber().equals(command.invoiceNumber())) {
                return;
            }
            throw new DocumentNumberConflict("paymentNumber", command.paymentNumber());
        }
        Invoice invoice = requireInvoice(command.invoiceNumber());
        requireCurrency("amount", command.amount());
        if (command.amount().amount().compareTo(invoice.outstanding()) > 0) {
            throw new PaymentExceedsOutstanding(command.invoiceNumber(), invoice.outstanding(), command.amount().amount());
        }
        apply(new PaymentRecorded(command.customerId(), command.paymentNumber(), command.invoiceNumber(), command.amount(),
                command.paidOn()));
    }

    @CommandHandler
    void handle(RecordOverdueInvoice command) {
        Invoice invoice = requireInvoice(command.invoiceNumber());
        if (invoice.overdue()) {
            return;
        }
        if (invoice.outstanding().signum() == 0) {
            throw new InvoiceAlreadyPaid(command.invoiceNumber());
        }
        apply(new InvoiceOverdue(command.customerId(), command.invoiceNumber(),
                new Money(invoice.outstanding(), invoice.recorded().amount().currency()), command.overdueSince()));
    }

    private Invoice requireInvoice(String invoiceNumber) {
        Invoice invoice = invoices.get(invoiceNumber);
        if (invoice == null) {
            throw new UnknownInvoice(invoiceNumber);
        }
        return invoice;
    }

    // ---------------------------------------------------------------- figures

    boolean onHold() {
        return onCreditHold;
    }

    /** The credit limit set, or null before one is. */
    Money currentLimit() {
        return creditLimit;
    }

    /** Outstanding invoices plus active reservations, in the credit currency. */
    Money exposure() {
        return new Money(exposureAmount(), currency());
    }

    /** Limit minus exposure, in the credit currency; negative when over the limit. */
    Money available() {
        return new Money(limitAmount().subtract(exposureAmount()), currency());
    }

    boolean hasExposure() {
        return exposureAmount().signum() != 0;
    }

    private String currency() {
        return creditLimit != null ? creditLimit.currency() : Customer.DEFAULT_CREDIT_CURRENCY;
    }

    private BigDecimal limitAmount() {
        return creditLimit != null ? creditLimit.amount() : BigDecimal.ZERO;
    }

    private BigDecimal exposureAmount() {
        BigDecimal total = BigDecimal.ZERO;
        for (Invoice invoice : invoices.values()) {
            total = total.add(invoice.outstanding());
        }
        for (Money reserved : reservations.values()) {
            total = total.add(reserved.amount());
        }
        return total;
    }

    private void requireCurrency(String field, Money amount) {
        if (!amount.currency().equals(currency())) {
            throw new CurrencyMismatch(field, currency(), amount.currency());
        }
    }

    // ---------------------------------------------------------------- event sourcing handlers

    @EventSourcingHandler
    void on(CreditRatingSet event) {
        creditRating = event.rating();
    }

    @EventSourcingHandler
    void on(CreditLimitSet event) {
        creditLimit = event.limit();
    }

    @EventSourcingHandler
    void on(CreditHoldPlaced event) {
        onCreditHold = true;
    }

    @EventSourcingHandler
    void on(CreditHoldReleased event) {
        onCreditHold = false;
    }

    @EventSourcingHandler
    void on(CreditReserved event) {
        reservations.put(event.opportunityId(), event.amount());
    }

    @EventSourcingHandler
    void on(CreditReleased event) {
        reservations.remove(event.opportunityId());
    }

    @EventSourcingHandler
    void on(InvoiceRecorded event) {
        invoices.put(event.invoiceNumber(), new Invoice(event));
        if (event.opportunityId() != null) {
            Money reserved = reservations.remove(event.opportunityId());
            if (reserved != null && event.amount() != null && reserved.currency().equals(event.amount().currency())) {
                // an invoice for part of the deal converts only that part: the rest stays reserved (issue 17)
                BigDecimal left = reserved.amount().subtract(event.amount().amount());
                if (left.signum() > 0) {
                    reservations.put(event.opportunityId(), new Money(left, reserved.currency()));
                }
            }
            invoicedOpportunities.add(event.opportunityId());
        }
    }

    @EventSourcingHandler
    void on(PaymentRecorded event) {
        payments.put(event.paymentNumber(), event);
        invoices.computeIfPresent(event.invoiceNumber(), (number, invoice) -> invoice.paying(event.amount().amount()));
    }

    @EventSourcingHandler
    void on(InvoiceOverdue event) {
        invoices.computeIfPresent(event.invoiceNumber(), (number, invoice) -> invoice.markedOverdue());
    }

    /** An invoice's running state: what was invoiced, paid so far, and whether it is overdue. */
    private record Invoice(InvoiceRecorded recorded, BigDecimal paid, boolean overdue) {

        private Invoice(InvoiceRecorded recorded) {
            this(recorded, BigDecimal.ZERO, false);
        }

        private BigDecimal outstanding() {
            return recorded.amount().amount().subtract(paid);
        }

        private Invoice paying(BigDecimal amount) {
            return new Invoice(recorded, paid.add(amount), overdue);
        }

        private Invoice markedOverdue() {
            return new Invoice(recorded, paid, true);
        }
    }
}
