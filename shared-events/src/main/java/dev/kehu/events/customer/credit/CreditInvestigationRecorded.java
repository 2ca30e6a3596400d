package dev.kehu.events.customer.credit;

import dev.kehu.events.EventType;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A credit investigation (信用调查, 资信审核) was recorded: where the facts came from (sources), what was found
 * (findings), the investigator's judgement (evaluation) and the rating it proposes, with who did it and on which
 * day. A raise of the credit limit beyond the review thresholds needs a recent one.
 */
@EventType("CreditInvestigationRecorded")
@Revision("1")
public record CreditInvestigationRecorded(String customerId, String investigationId, List<String> sources,
                                          String findings, String evaluation, CreditRating proposedRating,
                                          String investigatedBy, LocalDate investigatedOn) {
}
