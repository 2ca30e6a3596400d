package dev.kehu.query.projection;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A task that a lifecycle bean runs every so often on a daemon thread of its own, from each {@link #start} to the
 * next {@link #stop}, as many times as the bean is started. Each start schedules on a new executor: an executor once
 * shut down refuses all work, so a bean that kept one executor for its life could not be started again after a stop
 * (a Spring context stopped and restarted, as the test framework pauses and resumes a cached context, failed with
 * {@code RejectedExecutionException}).
 */
public final class RepeatingTask {

    private final String threadName;
    private ScheduledExecutorService executor;

    public RepeatingTask(String threadName) {
        this.threadName = threadName;
    }

    /** Runs {@code task} after {@code initialDelay}, then {@code every} after each run ends, until {@link #stop}. */
    public synchronized void start(Runnable task, Duration initialDelay, Duration every) {
        stop();
        executor = Executors.newSingleThreadScheduledExecutor(daemon(threadName));
        executor.scheduleWithFixedDelay(task, initialDelay.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Interrupts a run in progress and runs the task no more; {@link #start} may start it again. */
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** Daemon threads named {@code name}: they never keep the JVM alive. */
    public static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
