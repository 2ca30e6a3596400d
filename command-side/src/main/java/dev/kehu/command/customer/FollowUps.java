package dev.kehu.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.customer.CustomerCommand.CompleteFollowUp;
import dev.kehu.command.customer.CustomerCommand.RecordInteraction;
import dev.kehu.command.customer.CustomerCommand.RescheduleFollowUp;
import dev.kehu.command.customer.CustomerConflict.FollowUpAlreadyCompleted;
import dev.kehu.command.customer.CustomerPartNotFound.FollowUpNotFound;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.followup.FollowUpCompleted;
import dev.kehu.events.customer.followup.FollowUpRescheduled;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.followup.OpenFollowUp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The interactions (跟进记录) with a customer and the follow-ups they schedule: part of the
 * {@link Customer} aggregate ({@code @AggregateMember}). Recording an interaction again with the same
 * id changes nothing; a completed follow-up can be neither completed nor rescheduled again.
 */
final class FollowUps {

    private final List<String> interactionIds = new ArrayList<>();
    private final Map<String, OpenFollowUp> openFollowUps = new LinkedHashMap<>();
    private final Set<String> completedFollowUps = new HashSet<>();

    /** Records the interaction and the follow-up it schedules; the caller has checked its contact. */
    void record(String customerId, RecordInteraction command) {
        if (interactionIds.contains(command.interactionId())) {
            return;
        }
        apply(new InteractionRecorded(customerId, command.interactionId(), command.channel(), command.contactId(),
                command.occurredOn(), command.outcome(), command.notes()));
        if (command.nextFollowUpOn() != null) {
            apply(new FollowUpScheduled(customerId, command.followUpId(), command.interactionId(),
                    command.nextFollowUpOn()));
        }
    }

    @CommandHandler
    void handle(CompleteFollowUp command) {
        requireOpen(command.followUpId());
        apply(new FollowUpCompleted(command.customerId(), command.followUpId(), command.completedOn(), command.outcome()));
    }

    @CommandHandler
    void handle(RescheduleFollowUp command) {
        OpenFollowUp followUp = requireOpen(command.followUpId());
        if (!followUp.dueOn().equals(command.dueOn())) {
            apply(new FollowUpRescheduled(command.customerId(), command.followUpId(), followUp.dueOn(), command.dueOn()));
        }
    }

    private OpenFollowUp requireOpen(String followUpId) {
        if (completedFollowUps.contains(followUpId)) {
            throw new FollowUpAlreadyCompleted(followUpId);
        }
        OpenFollowUp followUp = openFollowUps.get(followUpId);
        if (followUp == null) {
            throw new FollowUpNotFound(followUpId);
        }
        return followUp;
    }

    List<OpenFollowUp> open() {
        return List.copyOf(openFollowUps.values());
    }

    List<String> interactionIds() {
        return List.copyOf(interactionIds);
    }

    @EventSourcingHandler
    void on(InteractionRecorded event) {
        interactionIds.add(event.interactionId());
    }

    @EventSourcingHandler
    void on(FollowUpScheduled event) {
        openFollowUps.put(event.followUpId(), new OpenFollowUp(event.followUpId(), event.interactionId(), event.dueOn()));
    }

    @EventSourcingHandler
    void on(FollowUpCompleted event) {
        openFollowUps.remove(event.followUpId());
        completedFollowUps.add(event.followUpId());
    }

    @EventSourcingHandler
    void on(FollowUpRescheduled event) {
        OpenFollowUp followUp = openFollowUps.get(event.followUpId());
        openFollowUps.put(event.followUpId(), new OpenFollowUp(event.followUpId(), followUp.interactionId(), event.dueOn()));
    }

    @EventSourcingHandler
    void on(DuplicateCustomerAbsorbed event) {
        event.followUps().forEach(f -> openFollowUps.put(f.followUpId(), f));
        interactionIds.addAll(event.interactionIds());
    }
}
