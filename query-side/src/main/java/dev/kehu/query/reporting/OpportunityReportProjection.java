package dev.kehu.query.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.UnaryOperator;

import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.order.ValueTier;
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
import dev.kehu.events.opportunity.Stage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * Projects Opportunity events, enriched with their customer's attributes, into the
 * {@code opportunities} reporting index (processing group {@value #PROCESSING_GROUP}: a pooled
 * streaming processor with ONE segment, so customer and opportunity events are applied in their
 * global order; errors propagate and the batch is retried).
 *
 * <p>Idempotent: every change carries the global position of its event (the tracking token's
 * position), stored as the document version and as the lookup entry's lastPosition.
 */
@ProcessingGroup(OpportunityReportProjection.PROCESSING_GROUP)
public class OpportunityReportProjection {

    public static final String PROCESSING_GROUP = "opportunity-reporting";

    private final OpportunityReportWriter writer;
    private final ReportingCustomerLookup customers;
    private final ZoneId zone;

    public OpportunityReportProjection(OpportunityReportWriter writer, ReportingCustomerLookup customers, ZoneId zone) {
        this.writer = writer;
        this.customers = customers;
        this.zone = zone;
    }

    @EventHandler
    public void on(CustomerRegistered event, EventMessage<?> message) {
        customerChanged(event.customerId(), message, attributes -> withProfile(attributes, event.profile())
                .withTier(ValueTier.NONE.name()).build());
    }

    @EventHandler
    public void on(CustomerProfileChanged event, EventMessage<?> message) {
        customerChanged(event.customerId(), message, attributes -> withProfile(attributes, event.profile()).build());
    }

    @EventHandler
    public void on(CustomerTierChanged event, EventMessage<?> message) {
        customerChanged(event.customerId(), message, attributes -> Attributes.of(attributes).withTier(name(event.tier())).build());
    }

    @EventHandler
    public void on(AccountManagerAssigned event, EventMessage<?> message) {
        customerChanged(event.customerId(), message, attributes -> Attributes.of(attributes).withManager(event.accountManager()).build());
    }

    @EventHandler
    public void on(OpportunityOpened event, EventMessage<?> message) {
        CustomerAttributes attributes = customers.attributes(event.customerId());
        customers.addOpportunity(event.customerId(), event.opportunityId());
        writer.create(event.opportunityId(), position(message), document -> document
                .customerId(event.customerId())
                .title(event.title())
                .owner(event.ownerId())
                .stage(name(event.stage()))
                .status(OpportunityReportDocument.OPEN)
                .priority(name(event.priority()))
                .source(event.source())
                .amount(event.amount())
                .probability(event.probability())
                .openedOn(date(message))
                .expectedCloseDate(event.expectedCloseDate())
                .customer(attributes));
    }

    @EventHandler
    public void on(OpportunityStageChanged event, EventMessage<?> message) {
        writer.update(event.opportunityId(), position(message), document -> document
                .stage(name(event.to())).probability(event.probability()));
    }

    @EventHandler
    public void on(OpportunityAmountChanged event, EventMessage<?> message) {
        writer.update(event.opportunityId(), position(message), document -> document
                .amount(event.amount()));
    }

    @EventHandler
    public void on(OpportunityCloseDateChanged event, EventMessage<?> message) {
        writer.update(event.opportunityId(), position(message), document -> document
                .expectedCloseDate(event.expectedCloseDate()));
    }

    @EventHandler
    public void on(OpportunityOwnerReassigned event, EventMessage<?> message) {
        writer.update(event.opportunityId(), position(message), document -> document.owner(event.ownerId()));
    }

    @EventHandler
    public void on(OpportunityPriorityChanged event, EventMessage<?> message) {
        writer.update(event.opportunityId(), position(message), document -> document.priority(name(event.priority())));
    }

    @EventHandler
    public void on(OpportunityProbabilityOverridden event, EventMessage<?> message) {
        writer.update(event.opportunityId(), position(message), document -> document.probability(event.probability()));
    }

    @EventHandler
    public void on(OpportunityWon event, EventMessage<?> message) {
        writer.update(event.opportunityId(), position(message), document -> document
                .stage(Stage.WON.name()).status(OpportunityReportDocument.WON)
                .amount(event.amount())
                .probability(100).closedOn(date(message)));
    }

    @EventHandler
    public void on(OpportunityLost event, EventMessage<?> message) {
        writer.update(event.opportunityId(), position(message), document -> document
                .stage(Stage.LOST.name()).status(OpportunityReportDocument.LOST)
                .probability(0).closedOn(date(message)));
    }

    @EventHandler
    public void on(OpportunityReopened event, EventMessage<?> message) {
        writer.update(event.opportunityId(), position(message), document -> document
                .stage(name(event.stage())).status(OpportunityReportDocument.OPEN)
                .probability(event.probability()).closedOn(null));
    }

    /** An enum value's name; null for an event without it (an old store or an import). */
    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private void customerChanged(String customerId, EventMessage<?> message,
                                 UnaryOperator<CustomerAttributes> change) {
        long position = position(message);
        customers.update(customerId, position, change);
        // Not gated on the lookup having changed: a batch retried after a failed write finds the lookup
        // already updated, and its documents must still be rewritten (each skips what it already has).
        CustomerAttributes attributes = customers.attributes(customerId);
        for (String opportunityId : customers.opportunityIds(customerId)) {
            writer.update(opportunityId, position, document -> document.customer(attributes));
        }
    }

    private static Attributes withProfile(CustomerAttributes attributes, CustomerProfile profile) {
        if (profile == null) {
            return Attributes.of(attributes);
        }
        return Attributes.of(attributes).withRegion(profile.region()).withIndustry(profile.industry());
    }

    private LocalDate date(EventMessage<?> message) {
        Instant timestamp = message.getTimestamp();
        return LocalDate.ofInstant(timestamp, zone);
    }

    /** The global position of the event in the stream (its tracking token's position). */
    static long position(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElseThrow(() ->
                    new IllegalStateException("Tracking token without a position: " + tracked.trackingToken()));
        }
        throw new IllegalStateException(PROCESSING_GROUP + " must run in a streaming event processor");
    }

    /** A small builder over the immutable attributes. */
    private record Attributes(String region, String tier, String industry, String manager) {
        static Attributes of(CustomerAttributes a) {
            return new Attributes(a.region(), a.tier(), a.industry(), a.manager());
        }

        Attributes withRegion(String value) { return new Attributes(value, tier, industry, manager); }
        Attributes withTier(String value) { return new Attributes(region, value, industry, manager); }
        Attributes withIndustry(String value) { return new Attributes(region, tier, value, manager); }
        Attributes withManager(String value) { return new Attributes(region, tier, industry, value); }

        CustomerAttributes build() {
            return new CustomerAttributes(region, tier, industry, manager);
        }
    }
}
