package dev.kehu.query.search;

import java.util.ArrayList;
import java.util.List;

import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.ContactChanged;
import dev.kehu.events.customer.contact.ContactRemoved;
import dev.kehu.events.customer.lifecycle.CustomerActivated;
import dev.kehu.events.customer.lifecycle.CustomerBecameDormant;
import dev.kehu.events.customer.lifecycle.CustomerChurned;
import dev.kehu.events.customer.lifecycle.CustomerDropped;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.lifecycle.CustomerReactivated;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.events.customer.contact.PrimaryContactChosen;
import dev.kehu.events.customer.order.ValueTier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Projects Customer events into the {@code customers} search index (processing group
 * {@code customer-search}, a pooled streaming processor that retries a failed batch, so
 * Elasticsearch being down delays search but never fails a command).
 *
 * <p>Idempotent: every change carries the event's aggregate sequence number, which the writer
 * stores as the document's version; see {@link CustomerSearchWriter}.
 */
@ProcessingGroup(CustomerSearchProjection.PROCESSING_GROUP)
public class CustomerSearchProjection {

    public static final String PROCESSING_GROUP = "customer-search";

    private final CustomerSearchWriter writer;

    public CustomerSearchProjection(CustomerSearchWriter writer) {
        this.writer = writer;
    }

    @EventHandler
    public void on(CustomerRegistered event, @SequenceNumber long sequence) {
        writer.create(event.customerId(), sequence, document -> {
            document.kind(event.kind().name())
                    .lifecycle(LifecycleStage.PROSPECT.name())
                    .tier(ValueTier.NONE.name());
            applyProfile(document, event.profile());
        });
    }

    @EventHandler
    public void on(CustomerProfileChanged event, @SequenceNumber long sequence) {
        writer.update(event.customerId(), sequence, document -> applyProfile(document, event.profile()));
    }

    @EventHandler
    public void on(AccountManagerAssigned event, @SequenceNumber long sequence) {
        writer.update(event.customerId(), sequence, document -> document.manager(event.accountManager()));
    }

    @EventHandler
    public void on(CustomerTierChanged event, @SequenceNumber long sequence) {
        writer.update(event.customerId(), sequence, document -> document.tier(event.tier().name()));
    }

    @EventHandler
    public void on(ContactAdded event, @SequenceNumber long sequence) {
        writer.update(event.customerId(), sequence, document -> applyContact(document, event.contact()));
    }

    @EventHandler
    public void on(ContactChanged event, @SequenceNumber long sequence) {
        writer.update(event.customerId(), sequence, document -> applyContact(document, event.contact()));
    }

    @EventHandler
    public void on(ContactRemoved event, @SequenceNumber long sequence) {
        writer.update(event.customerId(), sequence, document -> document.removeContact(event.contactId()));
    }

    @EventHandler
    public void on(PrimaryContactChosen event, @SequenceNumber long sequence) {
        writer.update(event.customerId(), sequence, document -> document.primaryContact(event.contactId()));
    }

    @EventHandler
    public void on(DuplicateCustomerAbsorbed event, @SequenceNumber long sequence) {
        writer.update(event.customerId(), sequence, document -> event.contacts().forEach(contact -> applyContact(document, contact)));
    }

    @EventHandler
    public void on(CustomerMerged event, @SequenceNumber long sequence) {
        writer.update(event.customerId(), sequence, document -> document.mergedInto(event.survivorId()));
    }

    @EventHandler
    public void on(CustomerActivated event, @SequenceNumber long sequence) {
        lifecycle(event.customerId(), sequence, LifecycleStage.ACTIVE);
    }

    @EventHandler
    public void on(CustomerBecameDormant event, @SequenceNumber long sequence) {
        lifecycle(event.customerId(), sequence, LifecycleStage.DORMANT);
    }

    @EventHandler
    public void on(CustomerReactivated event, @SequenceNumber long sequence) {
        lifecycle(event.customerId(), sequence, LifecycleStage.REACTIVATED);
    }

    @EventHandler
    public void on(CustomerDropped event, @SequenceNumber long sequence) {
        lifecycle(event.customerId(), sequence, LifecycleStage.DROPPED);
    }

    @EventHandler
    public void on(CustomerChurned event, @SequenceNumber long sequence) {
        writer.update(event.customerId(), sequence, document -> document
                .lifecycle(LifecycleStage.CHURNED.name())
                .churned(true, event.competitor() == null ? event.reason() : event.reason() + " (" + event.competitor() + ")"));
    }

    private void lifecycle(String customerId, long sequence, LifecycleStage stage) {
        writer.update(customerId, sequence, document -> document.lifecycle(stage.name()).churned(false, null));
    }

    private static void applyProfile(CustomerSearchDocument document, CustomerProfile profile) {
        List<String> phones = new ArrayList<>();
        if (profile.mobile() != null) {
            phones.add(profile.mobile().entered());
        }
        List<String> emails = profile.email() == null ? List.of() : List.of(profile.email());
        document.name(profile.displayName())
                .latinName(profile.chineseName() == null ? null : profile.latinName())
                .phones(phones)
                .emails(emails)
                .region(profile.region())
                .industry(profile.industry())
                .tags(profile.tags());
    }

    private static void applyContact(CustomerSearchDocument document, ContactCard card) {
        document.contact(card.contactId())
                .name(card.name())
                .title(card.title())
                .phones(card.phones().stream().map(Phone::entered).toList())
                .emails(card.emails());
    }
}
