package dev.kehu.events.customer.servicerequest;

import dev.kehu.events.EventType;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The engineer was on site (上门服务完成): the day and the outcome. */
@EventType("ServiceVisitCompleted")
@Revision("1")
public record ServiceVisitCompleted(String customerId, String requestId, LocalDate visitedOn, String outcome) {
}
