package dev.kehu.command.customer;

import dev.kehu.events.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a payment against an invoice (idempotent on paymentNumber). */
public record RecordPayment(@TargetAggregateIdentifier String customerId, String paymentNumber, String invoiceNumber, Money amount, LocalDate paidOn) {
}
