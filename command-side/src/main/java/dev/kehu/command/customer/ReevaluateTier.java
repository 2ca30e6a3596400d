package dev.kehu.command.customer;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Re-evaluate the value tier on the given date (daily job). */
public record ReevaluateTier(@TargetAggregateIdentifier String customerId, LocalDate asOf) {
}
