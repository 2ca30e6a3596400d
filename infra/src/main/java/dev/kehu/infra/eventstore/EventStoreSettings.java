package dev.kehu.infra.eventstore;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the {@link MongoEventStorageEngine}.
 *
 * @param collectionPrefix prefix of the collection names ({@code events}, {@code snapshots})
 * @param batchSize        positions fetched per query when streaming to tracking processors
 * @param gapTimeout       how long trackers wait for a missing position below a visible one before they give up on
 *                         it (the current engine leaves no such holes; stores written by its counter-based
 *                         predecessor may have them)
 * @param maxGapOffset     gaps further than this below a token's index are dropped, so tokens stay small
 * @param orphanTimeout    age after which an incomplete commit at the head of the log (its writer died mid-commit)
 *                         may be abandoned by the next writer it blocks
 * @param hashCacheSize    aggregates whose latest hash is remembered, so appends need no extra read
 */
public record EventStoreSettings(String collectionPrefix, int batchSize, Duration gapTimeout, int maxGapOffset,
                                 Duration orphanTimeout, int hashCacheSize) {

    public EventStoreSettings {
        Objects.requireNonNull(collectionPrefix, "collectionPrefix");
        Objects.requireNonNull(gapTimeout, "gapTimeout");
        Objects.requireNonNull(orphanTimeout, "orphanTimeout");
        if (batchSize < 1 || maxGapOffset < 1 || hashCacheSize < 1) {
            throw new IllegalArgumentException("batchSize, maxGapOffset and hashCacheSize must be positive");
        }
    }

    public static EventStoreSettings defaults() {
        return new EventStoreSettings("", 250, Duration.ofSeconds(60), 10_000, Duration.ofSeconds(10), 10_000);
    }

    public EventStoreSettings withCollectionPrefix(String prefix) {
        return new EventStoreSettings(prefix, batchSize, gapTimeout, maxGapOffset, orphanTimeout, hashCacheSize);
    }

    public EventStoreSettings withBatchSize(int size) {
        return new EventStoreSettings(collectionPrefix, size, gapTimeout, maxGapOffset, orphanTimeout, hashCacheSize);
    }

    public EventStoreSettings withGapTimeout(Duration timeout) {
        return new EventStoreSettings(collectionPrefix, batchSize, timeout, maxGapOffset, orphanTimeout, hashCacheSize);
    }

    public EventStoreSettings withOrphanTimeout(Duration timeout) {
        return new EventStoreSettings(collectionPrefix, batchSize, gapTimeout, maxGapOffset, timeout, hashCacheSize);
    }


    public String eventsCollection() {
        return collectionPrefix + "events";
    }


    public String snapshotsCollection() {
        return collectionPrefix + "snapshots";
    }
}
