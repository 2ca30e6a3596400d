package dev.kehu.infra.audit;

import java.time.Instant;
import java.util.Set;

/**
 * Which events of a history to list: timestamps in [from, to) (either may be null), event types by simple or full
 * name (empty: all), and one actor (null: all).
 */
public record HistoryFilter(Instant from, Instant to, Set<String> types, String actor) {

    public static final HistoryFilter ALL = new HistoryFilter(null, null, Set.of(), null);

    public HistoryFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    boolean matches(HistoryEntry entry, String fullType) {
        if (from != null && entry.timestamp().isBefore(from)) {
            return false;
        }
        if (to != null && !entry.timestamp().isBefore(to)) {
            return false;
        }
        if (!types.isEmpty() && !types.contains(entry.type()) && !types.contains(fullType)) {
            return false;
        }
        return actor == null || actor.equals(entry.actor());
    }
}
