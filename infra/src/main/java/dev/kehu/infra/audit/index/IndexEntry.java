package dev.kehu.infra.audit.index;

import java.time.Instant;

/** One event as the actor and correlation indexes list it: where it is in the log and what it is. */
public record IndexEntry(long position, String aggregateType, String aggregateId, long seq, String type,
                         Instant timestamp, String actor, String correlationId) {
}
