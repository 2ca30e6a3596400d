package dev.kehu.command.schedule;

/**
 * What a scheduled job of the command side needs to run once per schedule across all instances: every
 * instance's scheduler fires, and {@link #run} lets one of them do the work for that slot. The
 * application provides it (a lease in MongoDB, in infra); without one (a single instance, tests) every
 * firing runs ({@link #EVERY_TIME}).
 */
@FunctionalInterface
public interface OncePerSchedule {

    /**
     * Runs {@code work} for {@code slot} of {@code job} unless another instance has run it or runs it
     * now; if the instance running it dies, a live one that asked for the same slot takes it over.
     * Slots of one job must sort as strings in time order (ISO dates, for instance). Answers whether the
     * work ran here, now.
     */
    boolean run(String job, String slot, Runnable work);

    /** No coordination: for a single instance. */
    OncePerSchedule EVERY_TIME = (job, slot, work) -> {
        work.run();
        return true;
    };
}
