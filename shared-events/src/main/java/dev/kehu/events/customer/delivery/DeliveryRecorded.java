package dev.kehu.events.customer.delivery;

import dev.kehu.events.EventType;
import dev.kehu.events.Money;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A delivery (发货) from the ERP for one of the customer's orders: its number, the order, the day it shipped, its
 * items or its amount (or both), and its status then.
 */
@EventType("DeliveryRecorded")
@Revision("1")
public record DeliveryRecorded(String customerId, String deliveryNumber, String orderNumber, LocalDate shippedOn,
                               List<DeliveryItem> items, Money amount, DeliveryStatus status, LocalDate statusOn) {
}
