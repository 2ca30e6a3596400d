package dev.kehu.query.projection.rebuild;

/**
 * Runs a rebuild on one instance at a time: in the application the scheduled jobs' MongoDB lease
 * ({@code MongoJobLease}), so with several instances exactly one runs it and another takes it over when that one dies
 * (its lease runs out). A slot once run to its end is done for good; a rebuild that must go on elsewhere moves to the
 * next slot ({@link RebuildJob#slot}).
 */
@FunctionalInterface
public interface RebuildLease {

    /** Runs {@code work} here if this instance takes the lease of {@code job} for {@code slot}; answers whether it did. */
    boolean run(String job, String slot, Runnable work);

    /** One instance alone (tests, a single node): runs the work at once. */
    static RebuildLease local() {
        return (job, slot, work) -> {
            work.run();
            return true;
        };
    }
}
