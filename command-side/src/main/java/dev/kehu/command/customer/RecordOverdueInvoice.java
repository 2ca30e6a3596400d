package dev.kehu.command.customer;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the ERP reports an invoice overdue (idempotent on invoiceNumber). */
public record RecordOverdueInvoice(@TargetAggregateIdentifier String customerId, String invoiceNumber, LocalDate overdueSince) {
}
