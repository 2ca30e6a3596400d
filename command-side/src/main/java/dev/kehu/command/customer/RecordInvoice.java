package dev.kehu.command.customer;

import dev.kehu.events.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record an invoice from the ERP (idempotent on invoiceNumber); orderNumber and opportunityId are optional. */
public record RecordInvoice(@TargetAggregateIdentifier String customerId, String invoiceNumber, Money amount, LocalDate invoicedOn, LocalDate dueOn, String orderNumber, String opportunityId) {
}
