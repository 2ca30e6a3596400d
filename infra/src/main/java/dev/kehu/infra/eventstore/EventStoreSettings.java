package dev.kehu.infra.eventstore;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the {@link MongoEventStorageEngine}.
 *
 * @param collectionPrefix prefix of the collection names ({@code events}, {@code counters}, {@code snapshots})
 * @param batchSize        positions fetched per query when streaming to tracking processors
 * @param gapTimeout       how long a position may stay allocated but invisible before trackers stop waiting for it
 * @param maxGapOffset     gaps further than this below a token's index are dropped, so tokens stay small
 * @param orphanTimeout    age after which an incomplete commit (a writer died mid-commit) may be deleted by the
 *                         next writer it blocks
 * @param hashCacheSize    aggregates whose latest hash is remembered, so appends need no extra read
 * @param reservationLease how long a position reserved ahead for the next single-event commit may wait to be
 *                         used (then it is abandoned and trackers see a gap); {@code Duration.ZERO} reserves
 *                         every commit's positions synchronously
 */
public record EventStoreSettings(String collectionPrefix, int batchSize, Duration gapTimeout, int maxGapOffset,
                                 Duration orphanTimeout, int hashCacheSize, Duration reservationLease) {

    public EventStoreSettings {
        Objects.requireNonNull(collectionPrefix, "collectionPrefix");
        Objects.requireNonNull(gapTimeout, "gapTimeout");
        Objects.requireNonNull(orphanTimeout, "orphanTimeout");
        Objects.requireNonNull(reservationLease, "reservationLease");
        if (batchSize < 1 || maxGapOffset < 1 || hashCacheSize < 1) {
            throw new IllegalArgumentException("batchSize, maxGapOffset and hashCacheSize must be positive");
        }
    }

    public static EventStoreSettings defaults() {
        return new EventStoreSettings("", 250, Duration.ofSeconds(60), 10_000, Duration.ofSeconds(10), 10_000,
                Duration.ZERO);
    }

    public EventStoreSettings withCollectionPrefix(String prefix) {
        return new EventStoreSettings(prefix, batchSize, gapTimeout, maxGapOffset, orphanTimeout, hashCacheSize,
                reservationLease);
    }

    public EventStoreSettings withBatchSize(int size) {
        return new EventStoreSettings(collectionPrefix, size, gapTimeout, maxGapOffset, orphanTimeout, hashCacheSize,
                reservationLease);
    }

    public EventStoreSettings withGapTimeout(Duration timeout) {
        return new EventStoreSettings(collectionPrefix, batchSize, timeout, maxGapOffset, orphanTimeout, hashCacheSize,
                reservationLease);
    }

    public EventStoreSettings withOrphanTimeout(Duration timeout) {
        return new EventStoreSettings(collectionPrefix, batchSize, gapTimeout, maxGapOffset, timeout, hashCacheSize,
                reservationLease);
    }

    public EventStoreSettings withReservationLease(Duration lease) {
        return new EventStoreSettings(collectionPrefix, batchSize, gapTimeout, maxGapOffset, orphanTimeout, hashCacheSize,
                lease);
    }

    public String eventsCollection() {
        return collectionPrefix + "events";
    }

    public String countersCollection() {
        return collectionPrefix + "counters";
    }

    public String snapshotsCollection() {
        return collectionPrefix + "snapshots";
    }
}
