package dev.kehu.events.customer.credit;

import dev.kehu.events.Money;
import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** An invoice (开票) from the ERP. When opportunityId names a credit reservation, that reservation became this invoice's exposure. */
@EventType("dev.kehu.events.customer.InvoiceRecorded")
@Revision("1")
public record InvoiceRecorded(String customerId, String invoiceNumber, Money amount, LocalDate invoicedOn, LocalDate dueOn, String orderNumber, String opportunityId) {
}
