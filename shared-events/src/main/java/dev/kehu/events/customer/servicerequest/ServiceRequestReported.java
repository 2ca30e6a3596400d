package dev.kehu.events.customer.servicerequest;

import dev.kehu.events.EventType;
import dev.kehu.events.customer.followup.InteractionChannel;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A customer reported a fault (售后报修): what failed, on which equipment or product, by which contact (may be null), how. */
@EventType("ServiceRequestReported")
@Revision("1")
public record ServiceRequestReported(String customerId, String requestId, String problem, String equipment,
                                     String contactId, InteractionChannel channel, LocalDate reportedOn) {
}
