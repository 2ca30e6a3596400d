package dev.kehu.infra.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a command again when it failed only because its aggregate changed underneath it: the event store refused
 * its events with a {@link ConcurrencyException} (another instance appended to the same aggregate first, so this
 * instance's cached aggregate was stale, or two instances raced). The failed unit of work rolled back, which took
 * the aggregate out of the cache, so the retry loads it afresh and decides again on the current state: no update
 * is lost. Nothing else is retried: not a rule refusal, not a second creation of the same aggregate
 * ({@link AggregateStreamCreationException}), not a stale {@code If-Match} version. Axon's
 * {@code IntervalRetryScheduler} retries every exception that is not marked non-transient, rule refusals included,
 * hence this class.
 *
 * <p>The retry runs at once in the thread that saw the failure (the unit of work is over by then): a conflict
 * means the aggregate's new events are already stored, so there is nothing to wait for.
 */
public final class ConcurrencyRetryScheduler implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyRetryScheduler.class);

    private final int maxRetries;
    private final AtomicLong retries = new AtomicLong();

    public ConcurrencyRetryScheduler(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (failures.size() > maxRetries || !isRetryableConflict(lastFailure)) {
            return false;
        }
        retries.incrementAndGet();
        log.debug("Command {} met a concurrent change of its aggregate ({}); retry {} of {}",
                commandMessage.getCommandName(), lastFailure.getMessage(), failures.size(), maxRetries);
        commandDispatch.run();
        return true;
    }

    /** Commands sent again so far (for tests and metrics). */
    public long retries() {
        return retries.get();
    }

    static boolean isRetryableConflict(Throwable failure) {
        boolean conflict = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException || t instanceof ConflictingModificationException) {
                return false;
            }
            conflict |= t instanceof ConcurrencyException;
        }
        return conflict;
    }
}
