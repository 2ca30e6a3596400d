package dev.kehu.events.customer.delivery;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The ERP reported a recorded delivery in another status (delivered, or returned), on statusOn. */
@EventType("DeliveryStatusChanged")
@Revision("1")
public record DeliveryStatusChanged(String customerId, String deliveryNumber, DeliveryStatus status,
                                    DeliveryStatus previousStatus, LocalDate statusOn) {
}
