package dev.kehu.events.customer.servicerequest;

import dev.kehu.events.EventType;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The appointment moved to another day or window, with the reason (改约). */
@EventType("ServiceAppointmentRescheduled")
@Revision("1")
public record ServiceAppointmentRescheduled(String customerId, String requestId, LocalDate date, String window,
                                            LocalDate previousDate, String previousWindow, String reason) {
}
