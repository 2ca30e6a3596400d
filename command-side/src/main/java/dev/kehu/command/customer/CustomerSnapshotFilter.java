package dev.kehu.command.customer;

import java.util.Objects;
import java.util.stream.Stream;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/**
 * Drops a stored {@link Customer} snapshot whose revision is not the aggregate's current
 * {@code @Revision}, so the customer is rebuilt from its events instead.
 *
 * <p>Why: snapshots are the aggregate's fields written by Jackson, and the snapshot mapper ignores
 * unknown properties (so that events survive removed fields). A snapshot of the old, flat shape would
 * therefore load without error into the current shape with empty parts — contacts, credit and
 * orders silently gone. Axon's own {@code SnapshotFilter} is a setting of the storage engine, which
 * infra builds; an upcaster reaches the same place from the feature: Axon upcasts snapshots with the
 * application's upcaster chain (Spring registers every {@link EventUpcaster} bean) before
 * deserializing them. Events never carry the aggregate's class name as their type, so only
 * snapshots are touched.
 */
public class CustomerSnapshotFilter implements EventUpcaster {

    private final String snapshotType = Customer.class.getName();

    @Override
    public Stream<IntermediateEventRepresentation> upcast(Stream<IntermediateEventRepresentation> representations) {
        return representations.filter(representation -> !isOutdatedSnapshot(representation));
    }

    private boolean isOutdatedSnapshot(IntermediateEventRepresentation representation) {
        return snapshotType.equals(representation.getType().getName())
                && !Objects.equals(Customer.SNAPSHOT_REVISION, representation.getType().getRevision());
    }
}
