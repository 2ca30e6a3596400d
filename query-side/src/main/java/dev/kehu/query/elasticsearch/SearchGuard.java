package dev.kehu.query.elasticsearch;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps searches and reports from taking the web threads when Elasticsearch is slow or gone: a bulkhead
 * (Resilience4j, {@code kehu.search.max-concurrent} calls at once, a free slot awaited at most
 * {@code kehu.search.queue-wait}) and a circuit breaker (after at least 5 calls of which half failed,
 * calls fail at once for {@code kehu.search.circuit-open-for}, then two trial calls decide). Each refusal
 * or failure becomes a {@link SearchUnavailable} (503) and is logged at WARN, at most one line per
 * {@value #WARN_EVERY_SECONDS} s with the count of the others.
 *
 * <p>One guard for searches and reports together: they share one Elasticsearch, so one breaker sees it.
 */
public final class SearchGuard {

    private static final Logger log = LoggerFactory.getLogger(SearchGuard.class);
    static final long WARN_EVERY_SECONDS = 10;

    /** A call to Elasticsearch. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final SearchProperties properties;
    private final AtomicLong nextWarningNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong unwarned = new AtomicLong();

    public SearchGuard(SearchProperties properties) {
        this.properties = properties;
        this.bulkhead = Bulkhead.of("elasticsearch-search", BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrent())
                .maxWaitDuration(properties.queueWait())
                .build());
        this.breaker = CircuitBreaker.of("elasticsearch-search", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
    }

    /** A guard with the default {@link SearchProperties} (tests, benchmarks). */
    public static SearchGuard withDefaults() {
        return new SearchGuard(SearchProperties.DEFAULTS);
    }

    /**
     * Runs {@code call} if the circuit is closed and a slot is free within the queue wait; otherwise, or
     * when Elasticsearch fails, throws {@link SearchUnavailable}. {@code what} names the call in the log.
     */
    public <T> T call(String what, Call<T> call) {
        if (!bulkhead.tryAcquirePermission()) {
            throw unavailable(SearchUnavailable.Reason.SATURATED, 1,
                    what + ": all " + properties.maxConcurrent() + " search slots busy for " + properties.queueWait().toMillis() + " ms", null);
        }
        // asked only once a slot is ours: a call that waited for a slot while others were failing does not go out
        if (!breaker.tryAcquirePermission()) {
            bulkhead.onComplete();
            throw unavailable(SearchUnavailable.Reason.CIRCUIT_OPEN, properties.circuitOpenFor().toSeconds(),
                    what + ": recent calls to Elasticsearch failed; not trying for " + properties.circuitOpenFor().toMillis() + " ms", null);
        }
        long started = System.nanoTime();
        try {
            T result = call.run();
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return result;
        } catch (ElasticsearchException e) {
            // a refusal of this request (4xx other than 429) says nothing about the node's health
            if (e.status() >= 500 || e.status() == 429) {
                breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            } else {
                breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
            throw unavailable(SearchUnavailable.Reason.UNREACHABLE, properties.circuitOpenFor().toSeconds(),
                    what + ": Elasticsearch answered " + e.status() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            throw unavailable(SearchUnavailable.Reason.UNREACHABLE, properties.circuitOpenFor().toSeconds(),
                    what + ": Elasticsearch did not answer within " + elapsed(started) + " ms: " + e, e);
        } finally {
            bulkhead.onComplete(); // after the breaker has seen the outcome, so the next call in sees it too
        }
    }

    /** {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}: for operators. */
    public String circuitState() {
        return breaker.getState().name();
    }

    /** Searches running now. */
    public int running() {
        return properties.maxConcurrent() - bulkhead.getMetrics().getAvailableConcurrentCalls();
    }

    private SearchUnavailable unavailable(SearchUnavailable.Reason reason, long retryAfterSeconds, String message, Throwable cause) {
        warn(reason, message);
        return new SearchUnavailable(reason, retryAfterSeconds, message, cause);
    }

    /** One WARN line per interval; the others are counted into the next line (a frozen node must not flood the log). */
    private void warn(SearchUnavailable.Reason reason, String message) {
        long now = System.nanoTime();
        long next = nextWarningNanos.get();
        if (now - next >= 0 && nextWarningNanos.compareAndSet(next, now + Duration.ofSeconds(WARN_EVERY_SECONDS).toNanos())) {
            long others = unwarned.getAndSet(0);
            log.warn("Search answered 503 ({}): {}{} (circuit {})", reason, message,
                    others == 0 ? "" : "; " + others + " more 503s in the last " + WARN_EVERY_SECONDS + " s", breaker.getState());
        } else {
            unwarned.incrementAndGet();
        }
    }

    private static long elapsed(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
