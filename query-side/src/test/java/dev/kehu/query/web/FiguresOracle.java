package dev.kehu.query.web;

import dev.kehu.events.Money;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditReleased;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.customer.credit.InvoiceOverdue;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityWon;
import org.axonframework.eventhandling.EventMessage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of docs/read-side.md ("Figures, one definition each") computed straight from the events, without any
 * view code: what every view showing them must answer. Written from the definitions, not from the views' code.
 */
final class FiguresOracle {

    static final class Credit {
        Money limit;
        final Map<String, Money> reservations = new LinkedHashMap<>();
        final Map<String, InvoiceState> invoices = new LinkedHashMap<>();
        BigDecimal twelveMonthSpend = BigDecimal.ZERO;

        String currency() {
            return limit == null ? "CNY" : limit.currency();
        }

        BigDecimal reserved() {
            return reservations.values().stream().filter(m -> m.currency().equals(currency())).map(Money::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal unpaid() {
            return invoices.values().stream().filter(i -> i.currency.equals(currency())).map(i -> i.outstanding.max(BigDecimal.ZERO))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal overdue(LocalDate today) {
            BigDecimal sum = BigDecimal.ZERO;
            for (InvoiceState i : invoices.values()) {
                LocalDate from = i.dueOn != null ? i.dueOn : i.reportedOverdueSince;
                if (i.currency.equals(currency()) && i.outstanding.signum() > 0 && from != null && from.isBefore(today)) {
                    sum = sum.add(i.outstanding);
                }
            }
            return sum;
        }

        BigDecimal exposure() {
            return reserved().add(unpaid());
        }

        boolean overLimit() {
            return exposure().compareTo(limit == null ? BigDecimal.ZERO : limit.amount()) > 0;
        }
    }

    static final class InvoiceState {
        String currency;
        BigDecimal outstanding;
        LocalDate dueOn;
        LocalDate reportedOverdueSince;
    }

    record Deal(String customerId, Money amount, boolean open) {
    }

    final Map<String, Credit> customers = new LinkedHashMap<>();
    final Map<String, Deal> deals = new HashMap<>();

    static FiguresOracle of(List<? extends EventMessage<?>> events, LocalDate today) {
        FiguresOracle oracle = new FiguresOracle();
        LocalDate windowStart = today.minusYears(1).plusDays(1);
        for (EventMessage<?> message : events) {
            Object p = message.getPayload();
            if (p instanceof CustomerRegistered e) {
                oracle.customers.put(e.customerId(), new Credit());
            } else if (p instanceof CreditLimitSet e) {
                oracle.customers.get(e.customerId()).limit = e.limit();
            } else if (p instanceof CreditReserved e) {
                oracle.customers.get(e.customerId()).reservations.put(e.opportunityId(), e.amount());
            } else if (p instanceof CreditReleased e) {
                oracle.customers.get(e.customerId()).reservations.remove(e.opportunityId());
            } else if (p instanceof InvoiceRecorded e) {
                Credit credit = oracle.customers.get(e.customerId());
                InvoiceState invoice = new InvoiceState();
                invoice.currency = e.amount().currency();
                invoice.outstanding = e.amount().amount();
                invoice.dueOn = e.dueOn();
                credit.invoices.put(e.invoiceNumber(), invoice);
                Money reserved = e.opportunityId() == null ? null : credit.reservations.remove(e.opportunityId());
                if (reserved != null && reserved.amount().compareTo(e.amount().amount()) > 0) {
                    credit.reservations.put(e.opportunityId(), new Money(reserved.amount().subtract(e.amount().amount()), reserved.currency()));
                }
            } else if (p instanceof PaymentRecorded e) {
                InvoiceState invoice = oracle.customers.get(e.customerId()).invoices.get(e.invoiceNumber());
                invoice.outstanding = invoice.outstanding.subtract(e.amount().amount()).max(BigDecimal.ZERO);
            } else if (p instanceof InvoiceOverdue e) {
                InvoiceState invoice = oracle.customers.get(e.customerId()).invoices.get(e.invoiceNumber());
                invoice.outstanding = e.outstanding().amount();
                invoice.reportedOverdueSince = e.overdueSince();
            } else if (p instanceof OrderRecorded e) {
                if (e.amount().currency().equals("CNY") && !e.orderedOn().isBefore(windowStart) && !e.orderedOn().isAfter(today)) {
                    Credit credit = oracle.customers.get(e.customerId());
                    credit.twelveMonthSpend = credit.twelveMonthSpend.add(e.amount().amount());
                }
            } else if (p instanceof OpportunityOpened e) {
                oracle.deals.put(e.opportunityId(), new Deal(e.customerId(), e.amount(), true));
            } else if (p instanceof OpportunityAmountChanged e) {
                oracle.deals.computeIfPresent(e.opportunityId(), (id, d) -> new Deal(d.customerId(), e.amount(), d.open()));
            } else if (p instanceof OpportunityWon e) {
                oracle.deals.computeIfPresent(e.opportunityId(), (id, d) -> new Deal(d.customerId(), e.amount(), false));
            } else if (p instanceof OpportunityLost e) {
                oracle.deals.computeIfPresent(e.opportunityId(), (id, d) -> new Deal(d.customerId(), d.amount(), false));
            } else if (p instanceof OpportunityReopened e) {
                oracle.deals.computeIfPresent(e.opportunityId(), (id, d) -> new Deal(d.customerId(), d.amount(), true));
            }
        }
        return oracle;
    }

    /** Open deals of the customer in its credit currency. */
    BigDecimal openDeals(String customerId) {
        String currency = customers.get(customerId).currency();
        return deals.values().stream().filter(d -> d.open() && d.customerId().equals(customerId) && d.amount() != null
                && d.amount().currency().equals(currency)).map(d -> d.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
