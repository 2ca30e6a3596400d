package dev.kehu.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.customer.CustomerCommand.RecordDelivery;
import dev.kehu.command.customer.CustomerConflict.DocumentNumberConflict;
import dev.kehu.command.customer.CustomerRuleRefusal.DeliveryStatusNotAllowed;
import dev.kehu.events.Money;
import dev.kehu.events.customer.delivery.DeliveryRecorded;
import dev.kehu.events.customer.delivery.DeliveryStatus;
import dev.kehu.events.customer.delivery.DeliveryStatusChanged;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The customer's deliveries (发货) from the ERP: part of the {@link Customer} aggregate ({@code @AggregateMember}).
 * Idempotent on the delivery number like orders and invoices: the same delivery again changes nothing, the same
 * delivery in a later status records the change ({@code DeliveryStatusChanged}: shipped → delivered → returned, or
 * shipped → returned; any other move is {@link DeliveryStatusNotAllowed}), and other content under a recorded
 * number is a {@link DocumentNumberConflict}. The order is not checked against the recorded orders: the ERP may
 * send a delivery before its order.
 */
final class Deliveries {

    private final Map<String, DeliveryRecorded> deliveries = new LinkedHashMap<>();
    private final Map<String, DeliveryStatus> statuses = new LinkedHashMap<>();

    @CommandHandler
    void handle(RecordDelivery command) {
        record(command.customerId(), command);
    }

    void record(String customerId, RecordDelivery command) {
        DeliveryRecorded existing = deliveries.get(command.deliveryNumber());
        if (existing == null) {
            apply(new DeliveryRecorded(customerId, command.deliveryNumber(), command.orderNumber(), command.shippedOn(),
                    command.items(), command.amount(), command.status(), command.statusOn()));
            return;
        }
        if (!sameContent(existing, command)) {
            throw new DocumentNumberConflict("deliveryNumber", command.deliveryNumber());
        }
        DeliveryStatus current = statuses.get(command.deliveryNumber());
        if (current == command.status()) {
            return;
        }
        if (!canMove(current, command.status())) {
            throw new DeliveryStatusNotAllowed(command.deliveryNumber(), current, command.status());
        }
        apply(new DeliveryStatusChanged(customerId, command.deliveryNumber(), command.status(), current,
                command.statusOn()));
    }

    private static boolean canMove(DeliveryStatus from, DeliveryStatus to) {
        return from == DeliveryStatus.SHIPPED || from == DeliveryStatus.DELIVERED && to == DeliveryStatus.RETURNED;
    }

    /** The same delivery document, its status aside: order, date, items and amount (scale aside). */
    private static boolean sameContent(DeliveryRecorded recorded, RecordDelivery command) {
        return Objects.equals(recorded.orderNumber(), command.orderNumber())
                && Objects.equals(recorded.shippedOn(), command.shippedOn())
                && Objects.equals(recorded.items(), command.items())
                && sameAmount(recorded.amount(), command.amount());
    }

    private static boolean sameAmount(Money one, Money other) {
        return one == null ? other == null : other != null && one.isSameAmountAs(other);
    }

    @EventSourcingHandler
    void on(DeliveryRecorded event) {
        deliveries.put(event.deliveryNumber(), event);
        statuses.put(event.deliveryNumber(), event.status());
    }

    @EventSourcingHandler
    void on(DeliveryStatusChanged event) {
        statuses.put(event.deliveryNumber(), event.status());
    }
}
