package dev.kehu.events.registry;

import dev.kehu.events.EventType;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactChanged;
import dev.kehu.events.customer.contact.ContactRemoved;
import dev.kehu.events.customer.contact.PrimaryContactChosen;
import dev.kehu.events.customer.credit.CreditHoldPlaced;
import dev.kehu.events.customer.credit.CreditInvestigationRecorded;
import dev.kehu.events.customer.credit.CreditHoldReleased;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditRatingSet;
import dev.kehu.events.customer.credit.CreditReleased;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.customer.credit.InvoiceOverdue;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.customer.delivery.DeliveryRecorded;
import dev.kehu.events.customer.delivery.DeliveryStatusChanged;
import dev.kehu.events.customer.followup.FollowUpCompleted;
import dev.kehu.events.customer.followup.FollowUpRescheduled;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.lifecycle.CustomerActivated;
import dev.kehu.events.customer.lifecycle.CustomerBecameDormant;
import dev.kehu.events.customer.lifecycle.CustomerChurned;
import dev.kehu.events.customer.lifecycle.CustomerDropped;
import dev.kehu.events.customer.lifecycle.CustomerReactivated;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.service.ComplaintResolved;
import dev.kehu.events.customer.service.ReturnVisitRecorded;
import dev.kehu.events.customer.servicerequest.ServiceRequestReported;
import dev.kehu.events.customer.servicerequest.ServiceRequestResolvedByPhone;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentBooked;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentRescheduled;
import dev.kehu.events.customer.servicerequest.ServiceEngineerReassigned;
import dev.kehu.events.customer.servicerequest.ServiceVisitCompleted;
import dev.kehu.events.customer.servicerequest.ServiceRequestClosed;
import dev.kehu.events.customer.service.ComplaintLinkedToServiceRequest;
import dev.kehu.events.identity.ApiTokenIssued;
import dev.kehu.events.identity.ApiTokenRevoked;
import dev.kehu.events.identity.UserCreated;
import dev.kehu.events.identity.UserPasswordChanged;
import dev.kehu.events.identity.UserRolesChanged;
import dev.kehu.events.opportunity.BidPreparationCompleted;
import dev.kehu.events.opportunity.BidResultRecorded;
import dev.kehu.events.opportunity.BidSubmitted;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityCloseDateChanged;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityOwnerReassigned;
import dev.kehu.events.opportunity.OpportunityPriorityChanged;
import dev.kehu.events.opportunity.OpportunityProbabilityOverridden;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every event type of shared-events, by the name it is stored under ({@link EventType}).
 *
 * <p>The stored {@code type} of an event is part of its hash, so it must never change, while its Java class may be
 * renamed or moved into another package. The serializer therefore writes and reads these names, never class names
 * (as Marten's event type aliases do). Adding an event means annotating it with {@code @EventType} and listing it
 * here; infra's {@code ArchitectureTest} fails on an event that is not listed, and the serializer refuses to write
 * one. A listed class without {@code @EventType}, a malformed name or a name listed twice fails when this class is
 * loaded.
 */
public final class EventTypes {

    /** A short name (a new event's simple class name) or a name from before {@link EventType} (a class name then). */
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*|dev\\.kehu\\.events(\\.[a-z][a-z0-9]*)+\\.[A-Z][A-Za-z0-9]*");

    /** The prefix of every name given before {@link EventType}: such names are reserved for this registry. */
    public static final String LEGACY_PREFIX = "dev.kehu.events.";

    public static final EventTypes ALL = of(
            // the customer (dev.kehu.events.customer and its parts)
            CustomerRegistered.class, CustomerProfileChanged.class, AccountManagerAssigned.class, CustomerMerged.class,
            PersonalDataErased.class,
            DuplicateCustomerAbsorbed.class,
            CustomerActivated.class, CustomerBecameDormant.class, CustomerChurned.class, CustomerReactivated.class,
            CustomerDropped.class,
            ContactAdded.class, ContactChanged.class, ContactRemoved.class, PrimaryContactChosen.class,
            InteractionRecorded.class, FollowUpScheduled.class, FollowUpCompleted.class, FollowUpRescheduled.class,
            CreditRatingSet.class, CreditLimitSet.class, CreditHoldPlaced.class, CreditHoldReleased.class,
            CreditReserved.class, CreditReleased.class, InvoiceRecorded.class, InvoiceOverdue.class,
            PaymentRecorded.class, CreditInvestigationRecorded.class,
            OrderRecorded.class, CustomerTierChanged.class, DeliveryRecorded.class, DeliveryStatusChanged.class,
            ComplaintLogged.class, ComplaintResolved.class, ReturnVisitRecorded.class,
            ServiceRequestReported.class, ServiceRequestResolvedByPhone.class, ServiceAppointmentBooked.class,
            ServiceAppointmentRescheduled.class, ServiceEngineerReassigned.class, ServiceVisitCompleted.class,
            ServiceRequestClosed.class, ComplaintLinkedToServiceRequest.class,
            // the opportunity
            OpportunityOpened.class, OpportunityAmountChanged.class, OpportunityCloseDateChanged.class,
            OpportunityPriorityChanged.class, OpportunityProbabilityOverridden.class, OpportunityOwnerReassigned.class,
            OpportunityStageChanged.class, BidPreparationCompleted.class, BidSubmitted.class, BidResultRecorded.class,
            OpportunityWon.class, OpportunityLost.class, OpportunityReopened.class,
            // users and their API tokens
            UserCreated.class, UserPasswordChanged.class, UserRolesChanged.class, ApiTokenIssued.class,
            ApiTokenRevoked.class);

    private final Map<String, Class<?>> classByName;
    private final Map<Class<?>, String> nameByClass;

    private EventTypes(Map<String, Class<?>> classByName, Map<Class<?>, String> nameByClass) {
        this.classByName = Collections.unmodifiableMap(classByName);
        this.nameByClass = Collections.unmodifiableMap(nameByClass);
    }

    /**
     * A registry of the given event classes, each under its {@link EventType} name.
     *
     * @throws IllegalArgumentException naming every class without {@code @EventType}, every malformed name, and every
     *                                  name or class given twice
     */
    public static EventTypes of(Class<?>... types) {
        Map<String, Class<?>> classByName = new LinkedHashMap<>();
        Map<Class<?>, String> nameByClass = new LinkedHashMap<>();
        List<String> problems = new java.util.ArrayList<>();
        for (Class<?> type : types) {
            EventType annotation = type.getAnnotation(EventType.class);
            if (annotation == null) {
                problems.add(type.getName() + " has no @EventType");
                continue;
            }
            String name = annotation.value();
            if (!NAME.matcher(name).matches()) {
                problems.add(type.getName() + " has a malformed name '" + name + "' (a simple class name, like 'CreditLimitRaised')");
            } else if (nameByClass.containsKey(type)) {
                problems.add(type.getName() + " is listed twice");
            } else if (classByName.containsKey(name)) {
                problems.add("'" + name + "' names both " + classByName.get(name).getName() + " and " + type.getName());
            } else {
                classByName.put(name, type);
                nameByClass.put(type, name);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Event types: " + String.join("; ", problems));
        }
        return new EventTypes(classByName, nameByClass);
    }

    /** The name {@code type} is stored under, if it is a registered event. */
    public Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(nameByClass.get(type));
    }

    /** The event class stored under {@code name}, if one is registered under it. */
    public Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(classByName.get(name));
    }

    /**
     * The last part of the name {@code type} is stored under ({@code "ContactAdded"} for
     * {@code "dev.kehu.events.customer.ContactAdded"}), as audit views show it; for a class that is no registered event,
     * its simple name.
     */
    public String shortNameOf(Class<?> type) {
        String name = nameByClass.get(type);
        return name == null ? type.getSimpleName() : name.substring(name.lastIndexOf('.') + 1);
    }

    /** The registered event classes, in the order they were listed. */
    public Set<Class<?>> classes() {
        return nameByClass.keySet();
    }

    /** Whether {@code name} is of the kind only events are stored under, so that no class but a registered one may claim it. */
    public static boolean isEventName(String name) {
        return name != null && (name.startsWith(LEGACY_PREFIX) || NAME.matcher(name).matches());
    }
}
