package dev.kehu.bench.drills;

import java.nio.file.Path;

/**
 * {@code commit_rate_durable}: how many commits per second the event store takes with durable acknowledgement,
 * beside the same store without it, both measured in the same run ({@code dev.kehu.bench.CommitRate}).
 */
public interface CommitRateMeasurement {

    /**
     * Commits per second.
     *
     * @param durable    with durable acknowledgement (null when the code has none)
     * @param notDurable the same store without it
     * @param method     how it was measured, for the report
     */
    record CommitRates(Double durable, Double notDurable, String method) {
    }

    /** Measures both rates, using {@code workDir} for any files. */
    CommitRates measure(Path workDir) throws Exception;
}
