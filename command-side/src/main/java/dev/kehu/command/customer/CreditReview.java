package dev.kehu.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.customer.CustomerCommand.RecordCreditInvestigation;
import dev.kehu.command.customer.CustomerCommand.SetCreditLimit;
import dev.kehu.command.customer.CustomerConflict.DocumentNumberConflict;
import dev.kehu.command.customer.CustomerRuleRefusal.CreditInvestigationRequired;
import dev.kehu.events.Money;
import dev.kehu.events.customer.credit.CreditInvestigationRecorded;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * Credit investigations (信用调查) and the rule they serve: a credit limit raised beyond the
 * {@link CreditReviewPolicy} needs an investigation no older than the policy's months, else
 * {@link CreditInvestigationRequired} (422, rule {@code credit-investigation}, with the figures). Part of the
 * {@link Customer} aggregate ({@code @AggregateMember}); the root asks it before {@link CreditAccount} sets a limit.
 * Recording an investigation again under the same id with the same content changes nothing; with other content it is
 * a {@link DocumentNumberConflict} (409), as for orders, invoices and deliveries.
 */
final class CreditReview {

    private final Map<String, CreditInvestigationRecorded> investigations = new HashMap<>();
    private LocalDate latestInvestigatedOn;

    void record(String customerId, RecordCreditInvestigation command) {
        CreditInvestigationRecorded recorded = new CreditInvestigationRecorded(customerId, command.investigationId(),
                command.sources(), command.findings(), command.evaluation(), command.proposedRating(),
                command.investigatedBy(), command.investigatedOn());
        CreditInvestigationRecorded existing = investigations.get(command.investigationId());
        if (existing == null) {
            apply(recorded);
        } else if (!Objects.equals(existing, recorded)) {
            throw new DocumentNumberConflict("investigationId", command.investigationId());
        }
    }

    /** Throws {@link CreditInvestigationRequired} when raising {@code current} to the command's limit needs one. */
    void requireInvestigationToRaise(String customerId, Money current, SetCreditLimit command, CreditReviewPolicy policy) {
        CreditReviewPolicy.Trigger trigger = policy.crossedBy(current, command.limit());
        if (trigger == null) {
            return;
        }
        LocalDate oldestAccepted = command.asOf().minusMonths(policy.months());
        if (latestInvestigatedOn == null || latestInvestigatedOn.isBefore(oldestAccepted)) {
            throw new CreditInvestigationRequired(customerId, trigger, current, command.limit(), policy,
                    latestInvestigatedOn, oldestAccepted);
        }
    }

    @EventSourcingHandler
    void on(CreditInvestigationRecorded event) {
        investigations.put(event.investigationId(), event);
        if (event.investigatedOn() != null
                && (latestInvestigatedOn == null || event.investigatedOn().isAfter(latestInvestigatedOn))) {
            latestInvestigatedOn = event.investigatedOn();
        }
    }
}
