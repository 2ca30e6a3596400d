package dev.kehu.query.web;

import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ProjectionPositions.Freshness;
import dev.kehu.query.projection.QueryProperties;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Read-your-writes for query endpoints: with {@code ?minPosition=N} (the position a command
 * returned) a query waits until its view's processing group has applied position N, at most
 * {@code kehu.query.min-position-wait} (default 5s); then it answers anyway, marked stale.
 *
 * <p>The wait holds no web thread: {@link #answer} returns a {@link CompletableFuture} (Spring MVC
 * answers it asynchronously), one poller thread checks every waiting request each
 * {@value #POLL_MILLIS} ms, and the view is read on a small pool once the position is reached or the
 * wait is over. So a burst of waiting requests (a client polling with a position no processor reaches,
 * say) cannot take the threads commands and other queries need. Without {@code minPosition}, or when the
 * view is already there, the view is read at once on the calling thread.
 */
@Component
public class ViewFreshness {

    static final long POLL_MILLIS = 10;
    /** More waiting requests than this answer at once, marked stale, instead of queueing without end. */
    static final int MAX_WAITING = 10_000;

    private final ProjectionPositions positions;
    private final Duration waitBound;
    private final ConcurrentLinkedQueue<Waiter> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final ScheduledExecutorService poller;
    private final ExecutorService readers;

    @Autowired
    public ViewFreshness(ProjectionPositions positions, QueryProperties properties) {
        this(positions, properties.minPositionWait());
    }

    public ViewFreshness(ProjectionPositions positions, Duration waitBound) {
        this.positions = positions;
        this.waitBound = waitBound;
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon("view-freshness-poller"));
        scheduler.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        this.poller = scheduler;
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        this.readers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("view-freshness-reader"));
    }

    /**
     * The view's answer once {@code processingGroup} has applied {@code minPosition} (or the wait bound
     * passed: then {@link Freshness#stale()}). {@code read} reads the view; its exceptions (e.g. not found)
     * complete the future and reach the usual exception handlers. A negative {@code minPosition} is
     * refused at once (400).
     */
    public <T> CompletableFuture<T> answer(Long minPosition, String processingGroup, Function<Freshness, T> read) {
        ViewResponses.checkMinPosition(minPosition);
        List<String> groups = List.of(processingGroup);
        if (minPosition == null || positions.reached(groups, minPosition)) {
            return CompletableFuture.completedFuture(read.apply(new Freshness(positions.position(groups), false)));
        }
        if (waitBound.isZero() || waitBound.isNegative() || waitingCount.get() >= MAX_WAITING) {
            return CompletableFuture.completedFuture(read.apply(new Freshness(positions.position(groups), true)));
        }
        Waiter waiter = new Waiter(groups, minPosition, System.nanoTime() + waitBound.toNanos(), new CompletableFuture<>());
        waitingCount.incrementAndGet();
        waiting.add(waiter);
        return waiter.reached().thenApplyAsync(read, readers);
    }

    /** One pass over the waiting requests: completes those whose position was reached or whose time is up. */
    private void poll() {
        if (waiting.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        Map<List<Object>, Boolean> reachedThisPass = new HashMap<>();
        for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            try {
                boolean reached = reachedThisPass.computeIfAbsent(List.of(waiter.groups(), waiter.minPosition()),
                        key -> positions.reached(waiter.groups(), waiter.minPosition()));
                if (reached || now - waiter.deadlineNanos() >= 0) {
                    it.remove();
                    waitingCount.decrementAndGet();
                    waiter.reached().complete(new Freshness(positions.position(waiter.groups()), !reached));
                }
            } catch (RuntimeException e) {
                it.remove();
                waitingCount.decrementAndGet();
                waiter.reached().completeExceptionally(e);
            }
        }
    }

    /** Requests waiting now (for tests and operators). */
    public int waiting() {
        return waitingCount.get();
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
        readers.shutdownNow();
        for (Waiter waiter; (waiter = waiting.poll()) != null; ) {
            waiter.reached().cancel(false);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Waiter(List<String> groups, long minPosition, long deadlineNanos, CompletableFuture<Freshness> reached) {
    }
}
