package dev.kehu.infra.audit.index;

import dev.kehu.events.MetadataKeys;
import dev.kehu.events.registry.EventTypes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the actor and correlation indexes from the log: a tracking processor of its own ({@value #GROUP}), its token
 * in the token store, starting at the tail so that it backfills from the whole log. The entries of one batch are
 * collected and written at the batch's commit, a few bulk writes per batch rather than per event.
 */
@ProcessingGroup(AuditIndexProjection.GROUP)
public class AuditIndexProjection {

    public static final String GROUP = "audit-index";
    private static final String BATCH = AuditIndexProjection.class.getName() + ".batch";

    private final AuditIndex index;

    public AuditIndexProjection(AuditIndex index) {
        this.index = index;
    }

    @EventHandler(payloadType = Object.class)
    public void on(EventMessage<?> event) {
        long position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().orElse(-1) : -1;
        if (position < 0) {
            return;
        }
        String aggregateType = null;
        String aggregateId = null;
        long seq = 0;
        if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            aggregateType = domain.getType();
            aggregateId = domain.getAggregateIdentifier();
            seq = domain.getSequenceNumber();
        }
        String type = EventTypes.ALL.shortNameOf(event.getPayloadType()); // as History shows the stored type
        IndexEntry entry = new IndexEntry(position, aggregateType, aggregateId, seq, type, event.getTimestamp(),
                text(event.getMetaData().get(MetadataKeys.ACTOR)),
                text(event.getMetaData().get(MetadataKeys.CORRELATION_ID)));
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
            List<IndexEntry> batch = unitOfWork.getOrComputeResource(BATCH, key -> {
                List<IndexEntry> entries = new ArrayList<>();
                unitOfWork.onPrepareCommit(u -> index.append(entries));
                return entries;
            });
            batch.add(entry);
        } else {
            index.append(List.of(entry));
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
