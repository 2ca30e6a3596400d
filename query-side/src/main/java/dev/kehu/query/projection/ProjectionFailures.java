package dev.kehu.query.projection;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import com.mongodb.MongoClientException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoWriteConcernException;
import org.axonframework.common.AxonTransientException;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure of the infrastructure (MongoDB or Elasticsearch unreachable, overloaded, failing
 * over; the thread interrupted) from a failure caused by the event itself (a poison value).
 * <p>
 * Why this split is sound: a projection's handler only computes in memory and reads or writes
 * through the MongoDB and Elasticsearch clients. When a server cannot be reached or answers with a
 * server-side error, the clients throw one of a small, documented set of types (I/O, socket,
 * timeout, server selection, not-primary, write concern, Elasticsearch 5xx/429/401/403/404,
 * transport errors); any of them anywhere in the cause chain means "retry later". Everything else
 * (arithmetic and number-format errors such as a Decimal128 or long overflow, null where a value was
 * expected, date-time range errors, a class cast, a payload that cannot be deserialized, an
 * Elasticsearch 400 for one document) depends only on the event and the view's state, so it fails
 * the same way on every retry: retrying would stop the processor forever. Unknown server-side
 * errors count as infrastructure: a wrongly retried event stalls one processor visibly (its lag
 * grows in {@code GET /api/projections}), a wrongly skipped one would lose data silently.
 */
public final class ProjectionFailures {

    private ProjectionFailures() {
    }

    /** Whether {@code failure} comes from the infrastructure, so the batch must be retried rather than the event skipped. */
    public static boolean isInfrastructure(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isInfrastructureCause(cause)) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (seen.add(suppressed) && isInfrastructure(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isInfrastructureCause(Throwable cause) {
        if (cause instanceof Error) {
            return true; // out of memory and the like: the JVM is in trouble, not the event
        }
        if (cause instanceof IOException || cause instanceof InterruptedException || cause instanceof TimeoutException
                || cause instanceof AxonTransientException || cause instanceof TransportException) {
            return true;
        }
        if (cause instanceof MongoException mongo) {
            return mongo instanceof MongoSocketException
                    || mongo instanceof MongoClientException // server selection timeout, interrupted, unavailable
                    || mongo instanceof MongoNotPrimaryException
                    || mongo instanceof MongoNodeIsRecoveringException
                    || mongo instanceof MongoExecutionTimeoutException
                    || mongo instanceof MongoWriteConcernException
                    || mongo instanceof MongoSecurityException
                    || mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                    || mongo.hasErrorLabel("RetryableWriteError")
                    || mongo.getClass() == MongoException.class; // untyped driver failure: do not guess it is the event's
        }
        if (cause instanceof ElasticsearchException elasticsearch) {
            return isInfrastructureStatus(elasticsearch.status());
        }
        return false;
    }

    /**
     * Elasticsearch answers: 400-class answers about one request or document are the event's
     * (mapping, parsing, illegal argument); unavailable, overloaded (429), unauthorised and a
     * missing index (404) are the cluster's.
     */
    public static boolean isInfrastructureStatus(int status) {
        return status >= 500 || status == 429 || status == 401 || status == 403 || status == 404 || status == 408 || status <= 0;
    }

    /** One line naming the failure and its root cause, for logs and the skip record. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        String text = failure.getClass().getName() + ": " + failure.getMessage();
        if (root != failure) {
            text += " (root cause " + root.getClass().getName() + ": " + root.getMessage() + ")";
        }
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }
}
