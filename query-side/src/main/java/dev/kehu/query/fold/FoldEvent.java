package dev.kehu.query.fold;

import java.time.Instant;

/**
 * One event as a view's fold sees it: its payload and the facts of the log a view may show (global position,
 * timestamp, actor). The same record is built from a tracking processor's message (the live view), from events read
 * back by aggregate (as of an instant) and, later, from a rebuild's batches: so every path runs the same fold.
 *
 * @param position  global position in the log (what {@code appliedPosition} records)
 * @param seq       the event's sequence number within its aggregate, -1 when unknown
 * @param timestamp when it was stored
 * @param actor     the {@code actor} metadata, or null
 */
public record FoldEvent(long position, String aggregateId, long seq, Instant timestamp, String actor, Object payload) {
}
