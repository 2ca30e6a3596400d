package dev.kehu.events.customer.credit;

import dev.kehu.events.Money;
import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The ERP reported an invoice as overdue; outstanding is what was unpaid at that moment. */
@EventType("dev.kehu.events.customer.InvoiceOverdue")
@Revision("1")
public record InvoiceOverdue(String customerId, String invoiceNumber, Money outstanding, LocalDate overdueSince) {
}
