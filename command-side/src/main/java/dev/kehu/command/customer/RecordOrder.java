package dev.kehu.command.customer;

import dev.kehu.events.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record an order from the ERP (idempotent on orderNumber); asOf is today's date for the tier re-evaluation. */
public record RecordOrder(@TargetAggregateIdentifier String customerId, String orderNumber, Money amount, LocalDate orderedOn, LocalDate asOf) {
}
