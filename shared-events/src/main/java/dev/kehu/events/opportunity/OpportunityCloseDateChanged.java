package dev.kehu.events.opportunity;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The expected close date of an open opportunity moved (reports show slipped deals). */
@Revision("1")
public record OpportunityCloseDateChanged(
        String opportunityId,
        LocalDate previousCloseDate,
        LocalDate expectedCloseDate) {
}
