package dev.kehu.query.fold;

import java.util.function.Predicate;

/**
 * An aggregate's events read back from the log, for folding a view as of a past instant. Declared here so that the
 * query side does not depend on how the log is stored: {@link AxonAggregateEvents} reads through Axon's
 * {@code EventStore}; the application's MongoDB event store provides a faster reader (parallel point reads by
 * aggregate and sequence number, with global positions).
 */
public interface AggregateEvents {

    /**
     * Hands the aggregate's events from sequence number {@code fromSeq} on, in order, to {@code consumer} until it
     * answers false or there is no next visible event (a commit not yet complete is not visible).
     */
    void read(String aggregateId, long fromSeq, Predicate<FoldEvent> consumer);

    /** The position of the newest event in the log, 0 when it is empty. */
    long headPosition();
}
