package dev.kehu.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.customer.CustomerCommand.RecordOrder;
import dev.kehu.command.customer.CustomerConflict.DocumentNumberConflict;
import dev.kehu.events.Money;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.order.ValueTier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The customer's ERP orders and the value tier (客户等级) they earn: part of the {@link Customer}
 * aggregate ({@code @AggregateMember}). The tier is decided by the spend of the orders dated in the
 * twelve months up to an as-of date, against the {@link TierPolicy}; {@code CustomerTierChanged} is
 * applied only when the tier changes.
 */
final class OrderHistory {

    private final Map<String, OrderRecorded> orders = new LinkedHashMap<>();
    private ValueTier tier = ValueTier.NONE;

    /**
     * Records the order; false when the same order was recorded before (nothing applied), a
     * {@link DocumentNumberConflict} when its number was recorded with other content.
     */
    boolean record(String customerId, RecordOrder command) {
        OrderRecorded order = new OrderRecorded(customerId, command.orderNumber(), command.amount(), command.orderedOn());
        OrderRecorded existing = orders.get(command.orderNumber());
        if (existing != null) {
            if (sameDocument(existing.amount(), existing.orderedOn(), order.amount(), order.orderedOn())) {
                return false;
            }
            throw new DocumentNumberConflict("orderNumber", command.orderNumber());
        }
        apply(order);
        return true;
    }

    void evaluateTier(String customerId, LocalDate asOf, TierPolicy policy) {
        LocalDate windowStart = asOf.minusMonths(12).plusDays(1);
        BigDecimal spend = BigDecimal.ZERO;
        for (OrderRecorded order : orders.values()) {
            boolean inWindow = !order.orderedOn().isBefore(windowStart) && !order.orderedOn().isAfter(asOf);
            if (inWindow && order.amount().currency().equals(policy.currency())) {
                spend = spend.add(order.amount().amount());
            }
        }
        ValueTier decided = policy.tierFor(spend);
        if (decided != tier) {
            apply(new CustomerTierChanged(customerId, tier, decided, new Money(spend, policy.currency()),
                    windowStart, asOf, policy.threshold(decided)));
        }
    }

    /** The date of the latest order, or null. */
    LocalDate lastOrderOn() {
        return orders.values().stream().map(OrderRecorded::orderedOn).max(LocalDate::compareTo).orElse(null);
    }

    /** Whether an ERP document sent again is the one recorded: same amount (scale aside) and date. */
    static boolean sameDocument(Money amount, LocalDate date, Money otherAmount, LocalDate otherDate) {
        return amount.isSameAmountAs(otherAmount) && Objects.equals(date, otherDate);
    }

    @EventSourcingHandler
    void on(OrderRecorded event) {
        orders.put(event.orderNumber(), event);
    }

    @EventSourcingHandler
    void on(CustomerTierChanged event) {
        tier = event.tier();
    }
}
