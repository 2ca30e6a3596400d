package dev.kehu.events.customer.order;

import dev.kehu.events.Money;
import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** An order (订单) from the ERP, identified by its document number. */
@EventType("dev.kehu.events.customer.OrderRecorded")
@Revision("1")
public record OrderRecorded(String customerId, String orderNumber, Money amount, LocalDate orderedOn) {
}
