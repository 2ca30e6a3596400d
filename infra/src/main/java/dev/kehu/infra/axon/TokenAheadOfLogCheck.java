package dev.kehu.infra.axon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link TokenAheadOfLogRepair} once the application is ready (every processor started) and then every
 * {@code kehu.event-store.token-check-interval}, on one daemon thread of its own (the check is a few point reads
 * per processor). A failed check is logged and tried again at the next interval.
 */
public class TokenAheadOfLogCheck implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TokenAheadOfLogCheck.class);

    private final TokenAheadOfLogRepair repair;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public TokenAheadOfLogCheck(TokenAheadOfLogRepair repair, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("kehu.event-store.token-check-interval must be positive: " + interval);
        }
        this.repair = repair;
        this.interval = interval;
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kehu-token-check");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            repair.checkAll();
        } catch (RuntimeException e) {
            log.warn("Could not check the event processors' tokens against the head of the event log: {}", e.toString());
        }
    }

    @Override
    public synchronized void destroy() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
