package dev.kehu.events.customer.servicerequest;

import dev.kehu.events.EventType;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An on-site repair was booked with the customer (上门维修预约): the day, the time window ("09:00-12:00") and the engineer. */
@EventType("ServiceAppointmentBooked")
@Revision("1")
public record ServiceAppointmentBooked(String customerId, String requestId, LocalDate date, String window,
                                       String engineer) {
}
