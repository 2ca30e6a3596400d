package dev.kehu.command.web;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotency keys in the MongoDB collection {@value #COLLECTION}, one document per key ({@code _id}).
 *
 * <p>A request first <em>claims</em> its key by inserting an in-progress document with the request's
 * fingerprint; the unique {@code _id} makes exactly one of two concurrent requests win (duplicate key
 * 11000 for the other). The winner runs the command and then stores its response
 * ({@link #complete}) or, when it failed, deletes the claim ({@link #release}) so that the request can be
 * retried. A key is kept for {@link #RETENTION} (24 h): a TTL index removes old documents on a real
 * MongoDB, and since the embedded server ignores TTL indexes, age is also checked on read — an expired
 * document is taken over as if absent. An in-progress claim older than {@link #ABANDONED_AFTER}
 * (its process died) is taken over too.
 */
public class IdempotencyStore {

    public static final String COLLECTION = "idempotency_keys";
    public static final Duration RETENTION = Duration.ofHours(24);
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";

    private final MongoCollection<Document> keys;
    private final Clock clock;

    public IdempotencyStore(MongoDatabase database, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.clock = clock;
        try {
            keys.createIndex(Indexes.ascending("createdAt"),
                    new IndexOptions().name("expire").expireAfter(RETENTION.toHours() + 1, TimeUnit.HOURS));
        } catch (RuntimeException e) {
            log.warn("could not create the TTL index on {}: {}", COLLECTION, e.getMessage());
        }
    }

    /** The result of a claim: either this request now owns the key, or the first response to replay. */
    public sealed interface Claim permits Acquired, Replay {
    }

    /** This request owns the key and must {@link #complete} or {@link #release} it. */
    public record Acquired() implements Claim {
    }

    /** The key's first request completed with this response. */
    public record Replay(int status, String body, String etag, String location) implements Claim {
    }

    /**
     * Claims {@code key} for a request with {@code fingerprint}.
     *
     * @throws IdempotencyKeyReused         when the key belongs to a different request
     * @throws IdempotentRequestInProgress  when the key's first request is still running
     */
    public Claim claim(String key, String fingerprint) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant now = clock.instant();
            Document claim = new Document("_id", key).append("fingerprint", fingerprint)
                    .append("state", IN_PROGRESS).append("createdAt", Date.from(now));
            try {
                keys.insertOne(claim);
                return new Acquired();
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Document existing = keys.find(Filters.eq("_id", key)).first();
            if (existing == null) {
                continue; // released meanwhile: try again
            }
            Date createdAt = existing.getDate("createdAt");
            boolean expired = createdAt.toInstant().isBefore(now.minus(RETENTION));
            boolean abandoned = IN_PROGRESS.equals(existing.getString("state"))
                    && createdAt.toInstant().isBefore(now.minus(ABANDONED_AFTER));
            if (expired || abandoned) {
                keys.deleteOne(Filters.and(Filters.eq("_id", key), Filters.eq("createdAt", createdAt)));
                continue;
            }
            if (!fingerprint.equals(existing.getString("fingerprint"))) {
                throw new IdempotencyKeyReused(key);
            }
            if (IN_PROGRESS.equals(existing.getString("state"))) {
                throw new IdempotentRequestInProgress(key);
            }
            return new Replay(existing.getInteger("status"), existing.getString("body"),
                    existing.getString("etag"), existing.getString("location"));
        }
        throw new IdempotentRequestInProgress(key);
    }

    /** Stores the response of the request that owns {@code key}. */
    public void complete(String key, int status, String body, String etag, String location) {
        keys.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("state", IN_PROGRESS)),
                Updates.combine(Updates.set("state", COMPLETED), Updates.set("status", status),
                        Updates.set("body", body), Updates.set("etag", etag), Updates.set("location", location)));
    }

    /** Gives up the claim of a request that failed, so that it may be retried. */
    public void release(String key) {
        keys.deleteOne(Filters.and(Filters.eq("_id", key), Filters.eq("state", IN_PROGRESS)));
    }
}
