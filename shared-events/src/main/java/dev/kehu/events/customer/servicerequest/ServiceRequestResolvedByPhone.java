package dev.kehu.events.customer.servicerequest;

import dev.kehu.events.EventType;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The engineer answered the request on the spot (电话解决): a first-call resolution. */
@EventType("ServiceRequestResolvedByPhone")
@Revision("1")
public record ServiceRequestResolvedByPhone(String customerId, String requestId, String engineer, String resolution,
                                            LocalDate resolvedOn) {
}
