package dev.kehu.infra.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event of an aggregate's history: where it stands in the log, when, what type, who and why (from its metadata),
 * what it changed, and links to related aggregates (the survivor of a merge, the duplicate a survivor absorbed).
 */
public record HistoryEntry(long position, long seq, Instant timestamp, String type, String actor, String reason,
                           String correlationId, String causationId, List<Change> changes, Map<String, String> links) {
}
