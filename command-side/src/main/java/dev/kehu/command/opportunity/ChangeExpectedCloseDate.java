package dev.kehu.command.opportunity;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move the expected close date of an open opportunity. */
public record ChangeExpectedCloseDate(
        @TargetAggregateIdentifier String opportunityId,
        LocalDate expectedCloseDate) {
}
