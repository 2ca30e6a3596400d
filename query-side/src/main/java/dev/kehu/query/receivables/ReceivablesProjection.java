package dev.kehu.query.receivables;

import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.credit.InvoiceOverdue;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.query.figures.PaymentRecord;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Receivables (应收款): each customer's open invoices and payment record ({@code receivables_customers}, by
 * customer), and the open amounts of all customers summed per region, account manager and currency by invoice day
 * ({@code receivables_groups}, {@code _id} = region, manager and currency joined by {@link #SEPARATOR}). The
 * customer's current region and manager count: a move carries its open invoices to the new row. Ageing is left to
 * query time ({@code ReceivableAge}), so the rows never go stale, and a report reads one row per region, manager and
 * currency whatever the number of invoices. A group row takes events of many customers: the group runs in one
 * segment.
 */
@Component
@ProcessingGroup(ProjectionGroups.RECEIVABLES)
public class ReceivablesProjection {

    public static final String CUSTOMERS = "receivables_customers";
    public static final String GROUPS = "receivables_groups";
    /** Joins region, manager and currency in a group row's id (the unit separator: not in any name). */
    public static final String SEPARATOR = "\u001f";
    /** The day key of an invoice without an invoice date. */
    public static final String UNDATED = "undated";

    private final ViewWriter views;

    public ReceivablesProjection(ViewWriter views) {
        this.views = views;
    }

    @ResetHandler
    public void reset() {
        views.drop(CUSTOMERS, GROUPS);
    }

    @EventHandler
    public void on(CustomerRegistered event, TrackingToken token) {
        views.upsert(CUSTOMERS, event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName()).append("region", event.profile().region())
                .append("accountManager", null).append("open", new ArrayList<Document>())
                .append("paymentRecord", record(PaymentRecord.NONE)));
    }

    @EventHandler
    public void on(CustomerProfileChanged event, TrackingToken token) {
        Document customer = customer(event.customerId(), token);
        if (customer != null && !Objects.equals(customer.getString("region"), event.profile().region())) {
            move(customer, event.profile().region(), customer.getString("accountManager"), token);
        }
        views.update(CUSTOMERS, event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName()).append("region", event.profile().region()));
    }

    /** An individual erased (docs/privacy.md): the name reads {@code [erased]}, as a rebuild would read it. */
    @EventHandler
    public void on(PersonalDataErased event, TrackingToken token) {
        if (event.erasesCustomer()) {
            views.update(CUSTOMERS, event.customerId(), token, doc -> doc.put("name", PersonalDataErased.ERASED));
        }
    }

    @EventHandler
    public void on(AccountManagerAssigned event, TrackingToken token) {
        Document customer = customer(event.customerId(), token);
        if (customer != null && !Objects.equals(customer.getString("accountManager"), event.accountManager())) {
            move(customer, customer.getString("region"), event.accountManager(), token);
        }
        views.update(CUSTOMERS, event.customerId(), token, doc -> doc.put("accountManager", event.accountManager()));
    }

    @EventHandler
    public void on(InvoiceRecorded event, TrackingToken token) {
        Document customer = customer(event.customerId(), token);
        BigDecimal amount = Docs.amount(event.amount());
        if (customer == null || event.amount() == null || amount.signum() <= 0
                || Docs.findBy(Docs.list(customer, "open"), "invoiceNumber", event.invoiceNumber()) != null) {
            return;
        }
        Document invoice = new Document("invoiceNumber", event.invoiceNumber()).append("currency", event.amount().currency())
                .append("amount", Docs.decimal(amount)).append("outstanding", Docs.decimal(amount))
                .append("invoicedOn", Docs.date(event.invoicedOn())).append("dueOn", Docs.date(event.dueOn()))
                .append("orderNumber", event.orderNumber());
        views.update(CUSTOMERS, event.customerId(), token, doc -> Docs.list(doc, "open").add(invoice));
        addToGroups(Map.of(groupId(customer.getString("region"), customer.getString("accountManager"),
                event.amount().currency()), Map.of(day(invoice), amount)), token);
    }

    @EventHandler
    public void on(PaymentRecorded event, TrackingToken token) {
        settle(event.customerId(), event.invoiceNumber(), token, outstanding -> outstanding.subtract(Docs.amount(event.amount())),
                Docs.localDate(Docs.date(event.paidOn())));
    }

    /** The ERP's outstanding amount of an overdue invoice replaces the view's (as in the 360 view). */
    @EventHandler
    public void on(InvoiceOverdue event, TrackingToken token) {
        settle(event.customerId(), event.invoiceNumber(), token, outstanding -> Docs.amount(event.outstanding()), null);
    }

    /** Changes an open invoice's outstanding amount; at zero it leaves the open ones and, when paid, the record counts it. */
    private void settle(String customerId, String invoiceNumber, TrackingToken token,
                        java.util.function.UnaryOperator<BigDecimal> outstandingAfter, java.time.LocalDate paidOn) {
        Document customer = customer(customerId, token);
        Document invoice = customer == null ? null : Docs.findBy(Docs.list(customer, "open"), "invoiceNumber", invoiceNumber);
        if (invoice == null) {
            return;
        }
        BigDecimal before = Docs.amount(invoice.get("outstanding"));
        BigDecimal after = outstandingAfter.apply(before).max(BigDecimal.ZERO);
        boolean settled = after.signum() == 0;
        views.update(CUSTOMERS, customerId, token, doc -> {
            List<Document> open = Docs.list(doc, "open");
            if (settled) {
                Docs.removeBy(open, "invoiceNumber", invoiceNumber);
                if (paidOn != null) {
                    doc.put("paymentRecord", record(record(doc.get("paymentRecord", Document.class)).paid(
                            Docs.localDate(invoice.getString("invoicedOn")), Docs.localDate(invoice.getString("dueOn")), paidOn)));
                }
            } else {
                Docs.findBy(open, "invoiceNumber", invoiceNumber).put("outstanding", Docs.decimal(after));
            }
        });
        if (after.compareTo(before) != 0) {
            addToGroups(Map.of(groupId(customer.getString("region"), customer.getString("accountManager"),
                    invoice.getString("currency")), Map.of(day(invoice), after.subtract(before))), token);
        }
    }

    /** Carries the customer's open invoices from its group rows to those of its new region or manager. */
    private void move(Document customer, String region, String manager, TrackingToken token) {
        Map<String, Map<String, BigDecimal>> changes = new LinkedHashMap<>();
        for (Document invoice : Docs.list(customer, "open")) {
            BigDecimal outstanding = Docs.amount(invoice.get("outstanding"));
            String currency = invoice.getString("currency");
            changes.computeIfAbsent(groupId(customer.getString("region"), customer.getString("accountManager"), currency),
                    k -> new LinkedHashMap<>()).merge(day(invoice), outstanding.negate(), BigDecimal::add);
            changes.computeIfAbsent(groupId(region, manager, currency), k -> new LinkedHashMap<>())
                    .merge(day(invoice), outstanding, BigDecimal::add);
        }
        addToGroups(changes, token);
    }

    /** One change per group row for this event (a row sees each event once), adding each day's amount. */
    private void addToGroups(Map<String, Map<String, BigDecimal>> changes, TrackingToken token) {
        changes.forEach((id, byDay) -> views.upsert(GROUPS, id, token, row -> {
            String[] parts = id.split(SEPARATOR, -1);
            row.append("region", parts[0].isEmpty() ? null : parts[0])
                    .append("accountManager", parts[1].isEmpty() ? null : parts[1]).append("currency", parts[2]);
            Document days = Docs.child(row, "byDay");
            byDay.forEach((day, delta) -> {
                BigDecimal sum = Docs.amount(days.get(day)).add(delta);
                if (sum.signum() == 0) {
                    days.remove(day);
                } else {
                    days.put(day, Docs.decimal(sum));
                }
            });
        }));
    }

    /**
     * The customer's document, or null when it does not exist or has seen this event already: every event that
     * changes a group row changes its customer's document too, so a replayed event leaves the rows alone (a row's
     * own position cannot tell, as the rows an event would change depend on where the customer is now).
     */
    private Document customer(String customerId, TrackingToken token) {
        Document customer = views.find(CUSTOMERS, customerId).orElse(null);
        if (customer == null) {
            return null;
        }
        Object applied = customer.get(ViewWriter.APPLIED_POSITION);
        return applied instanceof Number number && number.longValue() >= ViewWriter.position(token) ? null : customer;
    }

    static String groupId(String region, String manager, String currency) {
        return (region == null ? "" : region) + SEPARATOR + (manager == null ? "" : manager) + SEPARATOR + currency;
    }

    private static String day(Document invoice) {
        String day = invoice.getString("invoicedOn");
        return day == null ? UNDATED : day;
    }

    static Document record(PaymentRecord record) {
        return new Document("paidInvoices", record.paidInvoices()).append("totalDaysToPay", record.totalDaysToPay())
                .append("paidLate", record.paidLate());
    }

    static PaymentRecord record(Document stored) {
        return stored == null ? PaymentRecord.NONE : new PaymentRecord(number(stored, "paidInvoices"),
                number(stored, "totalDaysToPay"), number(stored, "paidLate"));
    }

    private static long number(Document stored, String key) {
        Object value = stored.get(key);
        return value instanceof Number number ? number.longValue() : 0;
    }
}
