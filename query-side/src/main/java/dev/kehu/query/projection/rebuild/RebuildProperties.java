package dev.kehu.query.projection.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code kehu.projections.rebuild.*}: rebuilds of the MongoDB views (docs/read-side.md, "Rebuild").
 *
 * @param chunkSize    events folded in memory before their documents are written (once each)
 * @param maxDocuments documents a rebuild keeps in memory between chunks; beyond it, it reads them back as needed
 * @param gracePeriod  how long the previous version's collections stay after a switch (a query that read the old
 *                     version's name just before finishes; an operator can still look at it), then they are dropped
 * @param chunkPause   a pause after every chunk, to spare a busy server (0: none)
 * @param checkEvery   how often each instance looks for rebuilds to run or take over and old versions to drop
 */
@ConfigurationProperties("kehu.projections.rebuild")
public record RebuildProperties(@DefaultValue("20000") int chunkSize,
                                @DefaultValue("500000") int maxDocuments,
                                @DefaultValue("10m") Duration gracePeriod,
                                @DefaultValue("0s") Duration chunkPause,
                                @DefaultValue("1s") Duration checkEvery) {

    public static RebuildProperties defaults() {
        return new RebuildProperties(20_000, 500_000, Duration.ofMinutes(10), Duration.ZERO, Duration.ofSeconds(1));
    }

    public RebuildProperties withChunkSize(int size) {
        return new RebuildProperties(size, maxDocuments, gracePeriod, chunkPause, checkEvery);
    }

    public RebuildProperties withChunkPause(Duration pause) {
        return new RebuildProperties(chunkSize, maxDocuments, gracePeriod, pause, checkEvery);
    }

    public RebuildProperties withCheckEvery(Duration every) {
        return new RebuildProperties(chunkSize, maxDocuments, gracePeriod, chunkPause, every);
    }

    public RebuildProperties withGracePeriod(Duration grace) {
        return new RebuildProperties(chunkSize, maxDocuments, grace, chunkPause, checkEvery);
    }
}
