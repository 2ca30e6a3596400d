package dev.kehu.events.customer.servicerequest;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** Another engineer takes the appointment (改派), with the reason. */
@EventType("ServiceEngineerReassigned")
@Revision("1")
public record ServiceEngineerReassigned(String customerId, String requestId, String engineer, String previousEngineer,
                                        String reason) {
}
