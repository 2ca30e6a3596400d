package dev.kehu.events.opportunity;

import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The expected close date of an open opportunity moved (reports show slipped deals). */
@EventType("dev.kehu.events.opportunity.OpportunityCloseDateChanged")
@Revision("1")
public record OpportunityCloseDateChanged(
        String opportunityId,
        LocalDate previousCloseDate,
        LocalDate expectedCloseDate) {
}
