package dev.kehu.query.projection.rebuild;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.List;
import java.util.stream.Stream;

/**
 * The event log as a rebuild reads it: straight from the storage engine (in the application the MongoDB event
 * store, whose reader walks the log with one catch-up cursor while far behind), not through the event bus.
 */
public interface EventLog {

    /** Every event after {@code position} (-1: from the start) in log order, until nothing more is visible now. */
    Stream<? extends TrackedEventMessage<?>> readAfter(long position);

    /** The position of the newest event, or -1. */
    long headPosition();

    /** The log of a storage engine, with tokens of the engine's own kind. */
    static EventLog of(EventStorageEngine engine) {
        return new EventLog() {
            @Override
            public Stream<? extends TrackedEventMessage<?>> readAfter(long position) {
                if (position < 0) {
                    return engine.readEvents(null, false);
                }
                TrackingToken head = engine.createHeadToken();
                TrackingToken start = head instanceof GlobalSequenceTrackingToken
                        ? new GlobalSequenceTrackingToken(position) : GapAwareTrackingToken.newInstance(position, List.of());
                return engine.readEvents(start, false);
            }

            @Override
            public long headPosition() {
                TrackingToken head = engine.createHeadToken();
                return head == null ? -1 : head.position().orElse(-1);
            }
        };
    }
}
