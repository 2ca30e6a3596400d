package dev.kehu.infra.axon;

import dev.kehu.infra.eventstore.EventStoreSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code kehu.event-store.*}: the MongoDB event store, snapshots and token store.
 *
 * @param collectionPrefix  prefix of the collection names ({@code events}, {@code snapshots}, {@code tokens}); default empty
 * @param batchSize         positions read per query when streaming to processors; default 250
 * @param gapTimeout        how long processors wait for a hole in the positions (stores written before
 *                          positions were claimed at the head); default 60s
 * @param maxGapOffset      gaps further below a token's index are dropped; default 10000
 * @param orphanTimeout     age after which an incomplete commit of a dead writer may be abandoned; default 10s
 * @param snapshotThreshold events after which an aggregate is snapshotted; default 50: a load after a snapshot then
 *                          reads fewer events than one read window of the store (64), so a cache miss costs two
 *                          round trips (snapshot, events), and snapshotting (one more load and one write) happens
 *                          at most once in 50 commands of an aggregate
 * @param aggregateCacheSize aggregates of each type (customers, opportunities) kept in memory between commands;
 *                          default 10000
 * @param tokenClaimTimeout age after which another node may steal a processor segment's claim; default 10s
 * @param tokenCheckInterval how often processors' tokens are checked against the head of the log (a token beyond it
 *                          means the log lost events: the processor is reset and replays); default 60s, and once
 *                          at start
 */
@ConfigurationProperties("kehu.event-store")
public record EventStoreProperties(
        @DefaultValue("") String collectionPrefix,
        @DefaultValue("250") int batchSize,
        @DefaultValue("60s") Duration gapTimeout,
        @DefaultValue("10000") int maxGapOffset,
        @DefaultValue("10s") Duration orphanTimeout,
        @DefaultValue("50") int snapshotThreshold,
        @DefaultValue("10s") Duration tokenClaimTimeout,
        @DefaultValue("60s") Duration tokenCheckInterval,
        @DefaultValue("10000") long aggregateCacheSize) {

    public EventStoreSettings toSettings() {
        return new EventStoreSettings(collectionPrefix, batchSize, gapTimeout, maxGapOffset, orphanTimeout, 10_000);
    }
}
