package dev.kehu.query.elasticsearch;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the search indexes (with their aliases) at start-up without making start-up wait for
 * Elasticsearch: one attempt at once (through the search client, so a frozen node costs its short
 * timeout), then, while Elasticsearch is down or still starting, retries every {@value #RETRY_SECONDS} s
 * in the background until it succeeds. Searches answer 503 until then; projections create the index
 * themselves before their first write anyway.
 */
public final class SearchIndexSetup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexSetup.class);
    static final long RETRY_SECONDS = 5;

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "search-index-setup");
        thread.setDaemon(true);
        return thread;
    });

    /** Ensures {@code index} exists now, or soon. */
    public void ensure(VersionedIndex index) {
        if (!attempt(index)) {
            log.info("Elasticsearch does not answer yet: creating index {} in the background", index.alias());
            schedule(index);
        }
    }

    private void schedule(VersionedIndex index) {
        if (retries.isShutdown()) {
            return;
        }
        retries.schedule(() -> {
            if (attempt(index)) {
                log.info("Index {} is ready", index.alias());
            } else {
                schedule(index);
            }
        }, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    private static boolean attempt(VersionedIndex index) {
        try {
            index.ensureExists();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
