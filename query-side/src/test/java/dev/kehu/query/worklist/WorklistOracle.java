package dev.kehu.query.worklist;

import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.followup.OpenFollowUp;
import dev.kehu.events.customer.followup.FollowUpCompleted;
import dev.kehu.events.customer.followup.FollowUpRescheduled;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.lifecycle.CustomerLifecycleChanged;
import dev.kehu.events.opportunity.OpportunityCloseDateChanged;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityOwnerReassigned;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityWon;
import org.axonframework.eventhandling.EventMessage;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The worklist's sections computed straight from the events by their definitions (the controller's javadoc and
 * docs/read-side.md), without the projection's or the keys' code: each section as the ordered ids and the day figure
 * of every row, for one manager on one day.
 */
final class WorklistOracle {

    static final class Customer {
        String manager;
        boolean merged;
        String lifecycle = "PROSPECT";
        LocalDate registeredOn;
        LocalDate lastInteractionOn;
    }

    record FollowUp(String id, String customerId, String interactionId, LocalDate dueOn, boolean open) {
    }

    record Deal(String id, String ownerId, LocalDate closeOn, boolean open) {
    }

    private static final Set<String> GONE = Set.of("CHURNED", "DROPPED");

    final Map<String, Customer> customers = new LinkedHashMap<>();
    final Map<String, FollowUp> followUps = new LinkedHashMap<>();
    private final Map<String, Deal> deals = new LinkedHashMap<>();
    private final ZoneId zone;

    WorklistOracle(ZoneId zone) {
        this.zone = zone;
    }

    void apply(EventMessage<?> message) {
        Object event = message.getPayload();
        if (event instanceof CustomerRegistered e) {
            customers.computeIfAbsent(e.customerId(), id -> new Customer()).registeredOn =
                    message.getTimestamp().atZone(zone).toLocalDate();
        } else if (event instanceof AccountManagerAssigned e) {
            customers.get(e.customerId()).manager = e.accountManager();
        } else if (event instanceof CustomerMerged e) {
            customers.get(e.customerId()).merged = true;
        } else if (event instanceof CustomerLifecycleChanged e) {
            customers.get(e.customerId()).lifecycle = e.stage().name();
        } else if (event instanceof InteractionRecorded e) {
            Customer customer = customers.get(e.customerId());
            if (e.occurredOn() != null && (customer.lastInteractionOn == null || e.occurredOn().isAfter(customer.lastInteractionOn))) {
                customer.lastInteractionOn = e.occurredOn();
            }
        } else if (event instanceof FollowUpScheduled e) {
            followUps.put(e.followUpId(), new FollowUp(e.followUpId(), e.customerId(), e.interactionId(), e.dueOn(), true));
        } else if (event instanceof FollowUpRescheduled e) {
            FollowUp f = followUps.get(e.followUpId());
            followUps.put(f.id(), new FollowUp(f.id(), f.customerId(), f.interactionId(), e.dueOn(), f.open()));
        } else if (event instanceof FollowUpCompleted e) {
            FollowUp f = followUps.get(e.followUpId());
            followUps.put(f.id(), new FollowUp(f.id(), f.customerId(), f.interactionId(), f.dueOn(), false));
        } else if (event instanceof DuplicateCustomerAbsorbed e) {
            for (OpenFollowUp f : e.followUps()) {
                followUps.put(f.followUpId(), new FollowUp(f.followUpId(), e.customerId(), f.interactionId(), f.dueOn(), true));
            }
        } else if (event instanceof OpportunityOpened e) {
            deals.put(e.opportunityId(), new Deal(e.opportunityId(), e.ownerId(), e.expectedCloseDate(), true));
        } else if (event instanceof OpportunityOwnerReassigned e) {
            Deal d = deals.get(e.opportunityId());
            deals.put(d.id(), new Deal(d.id(), e.ownerId(), d.closeOn(), d.open()));
        } else if (event instanceof OpportunityCloseDateChanged e) {
            Deal d = deals.get(e.opportunityId());
            deals.put(d.id(), new Deal(d.id(), d.ownerId(), e.expectedCloseDate(), d.open()));
        } else if (event instanceof OpportunityWon e) {
            open(e.opportunityId(), false);
        } else if (event instanceof OpportunityLost e) {
            open(e.opportunityId(), false);
        } else if (event instanceof OpportunityReopened e) {
            open(e.opportunityId(), true);
        }
    }

    private void open(String id, boolean open) {
        Deal d = deals.get(id);
        deals.put(id, new Deal(id, d.ownerId(), d.closeOn(), open));
    }

    /** The open follow-ups of a customer (for merging it in a test). */
    List<OpenFollowUp> openFollowUps(String customerId) {
        return followUps.values().stream().filter(f -> f.open() && f.customerId().equals(customerId))
                .map(f -> new OpenFollowUp(f.id(), f.interactionId(), f.dueOn())).toList();
    }

    /** A section's rows as "id:days" (days overdue, until due, since contact or past close), in the section's order. */
    List<String> section(String section, String manager, LocalDate today, int notContactedDays, int upcomingDays) {
        return switch (section) {
            case "follow-ups-due-today" -> followUps(manager, today, d -> d.isEqual(today));
            case "overdue-follow-ups" -> followUps(manager, today, d -> d.isBefore(today));
            case "upcoming-follow-ups" -> followUps(manager, today, d -> d.isAfter(today) && !d.isAfter(today.plusDays(upcomingDays)));
            case "not-contacted" -> notContacted(manager, today, today.minusDays(notContactedDays));
            default -> deals.values().stream()
                    .filter(d -> d.open() && manager.equals(d.ownerId()) && d.closeOn() != null && d.closeOn().isBefore(today))
                    .sorted(Comparator.comparing(Deal::closeOn).thenComparing(Deal::id))
                    .map(d -> d.id() + ":" + ChronoUnit.DAYS.between(d.closeOn(), today)).toList();
        };
    }

    private List<String> followUps(String manager, LocalDate today, java.util.function.Predicate<LocalDate> due) {
        return followUps.values().stream()
                .filter(f -> f.open() && f.dueOn() != null && due.test(f.dueOn()))
                .filter(f -> {
                    Customer c = customers.get(f.customerId());
                    return c != null && !c.merged && manager.equals(c.manager);
                })
                .sorted(Comparator.comparing(FollowUp::dueOn).thenComparing(FollowUp::id))
                .map(f -> f.id() + ":" + Math.abs(ChronoUnit.DAYS.between(f.dueOn(), today))).toList();
    }

    private List<String> notContacted(String manager, LocalDate today, LocalDate cutoff) {
        List<Map.Entry<String, Customer>> quiet = new ArrayList<>();
        customers.forEach((id, c) -> {
            LocalDate reference = c.lastInteractionOn != null ? c.lastInteractionOn : c.registeredOn;
            if (manager.equals(c.manager) && !c.merged && !GONE.contains(c.lifecycle) && reference != null && reference.isBefore(cutoff)) {
                quiet.add(Map.entry(id, c));
            }
        });
        quiet.sort(Comparator.comparing((Map.Entry<String, Customer> e) -> e.getValue().lastInteractionOn,
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Map.Entry::getKey));
        return quiet.stream().map(e -> e.getKey() + ":" + ChronoUnit.DAYS.between(
                Objects.requireNonNullElse(e.getValue().lastInteractionOn, e.getValue().registeredOn), today)).toList();
    }
}
