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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Idempotency keys in the MongoDB collection {@value #COLLECTION}, one document per key ({@code _id}).
 *
 * <p>A request first <em>claims</em> its key by inserting an in-progress document with the request's
 * fingerprint, the status and location it will answer with, and a claim id of its own; the unique
 * {@code _id} makes exactly one of two concurrent requests win (duplicate key 11000 for the other). The
 * winner runs the command. Just before its events are appended it {@linkplain #recordCommit records}
 * the identifier of the last one and its response body (see {@link IdempotentCommitRecorder}); after
 * the commit it stores the response ({@link #complete}) or, when it failed, deletes the claim
 * ({@link #release}) so that the request can be retried.
 *
 * <p><b>A request that died.</b> A claim still in progress after {@code in-progress-timeout} (30 s)
 * belongs to a request whose process died (or stalled past any command's duration). A retry then
 * decides from what the claim recorded, never by running the command blindly:
 * <ul>
 *   <li>no commit recorded: the request died before appending anything; the retry takes the key over
 *       and runs the command;</li>
 *   <li>a commit recorded and its last event is stored ({@link CommittedEvents}): the request took
 *       effect; the retry answers its result (status, body with the commit's position, ETag,
 *       Location), marked {@code Idempotent-Replayed}, and appends nothing;</li>
 *   <li>a commit recorded but its event not stored: the commit never landed (or was abandoned); the
 *       retry takes over and runs the command;</li>
 *   <li>the commit is still being written: 409, retry later.</li>
 * </ul>
 * A request whose claim was taken over meanwhile cannot append any more: recording its commit matches
 * its own claim id only, so it fails with 409 before its events are written.
 *
 * <p>The claim, the recorded commit, the completion and the release are sent unjournaled ({@code j: false}): the
 * first two are followed by the command's append, whose acknowledgement waits for the disk and covers every write
 * before it (on the embedded server, one sync round for all of them; see {@code DurableH2Backend}); a lost completion
 * or release is what a request that died leaves, settled as above.
 *
 * <p>A key is kept for {@link #RETENTION} (24 h): a TTL index removes old documents on a real MongoDB,
 * and since the embedded server ignores TTL indexes, age is also checked on read; an expired document
 * is taken over as if absent.
 */
public class IdempotencyStore {

    public static final String COLLECTION = "idempotency_keys";
    public static final Duration RETENTION = Duration.ofHours(24);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    private static final String CLAIM = "claim";
    private static final String COMMIT = "commit";

    private final MongoCollection<Document> keys;
    /** {@link #keys} for the writes whose durability a later acknowledged write (or recovery) provides. */
    private final MongoCollection<Document> unjournaledKeys;
    private final Clock clock;
    private final Duration inProgressTimeout;
    private final Supplier<CommittedEvents> committedEvents;
    private final JsonMapper jsonMapper;

    /**
     * @param committedEvents the event store's lookup, or a supplier of null where there is none: a
     *                        request that died after recording its commit then stays in progress
     */
    public IdempotencyStore(MongoDatabase database, Clock clock, Duration inProgressTimeout,
                            Supplier<CommittedEvents> committedEvents, JsonMapper jsonMapper) {
        this.keys = database.getCollection(COLLECTION);
        this.unjournaledKeys = keys.withWriteConcern(keys.getWriteConcern().withJournal(false));
        this.clock = clock;
        this.inProgressTimeout = inProgressTimeout;
        this.committedEvents = committedEvents;
        this.jsonMapper = jsonMapper;
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

    /** This request owns the key under {@code claimId} and must {@link #complete} or {@link #release} it. */
    public record Acquired(String claimId) implements Claim {
    }

    /** The key's first request completed with this response. */
    public record Replay(int status, String body, String etag, String location) implements Claim {
    }

    /**
     * Claims {@code key} for a request with {@code fingerprint} that will answer {@code status} and
     * {@code location} (may be null) when it succeeds.
     *
     * @throws IdempotencyKeyReused         when the key belongs to a different request
     * @throws IdempotentRequestInProgress  when the key's first request is still running
     */
    public Claim claim(String key, String fingerprint, int status, String location) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant now = clock.instant();
            String claimId = UUID.randomUUID().toString();
            Document claim = new Document("_id", key).append(CLAIM, claimId).append("fingerprint", fingerprint)
                    .append("state", IN_PROGRESS).append("createdAt", Date.from(now))
                    .append("status", status).append("location", location);
            try {
                unjournaledKeys.insertOne(claim);
                return new Acquired(claimId);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Document existing = keys.find(Filters.eq("_id", key)).first();
            if (existing == null) {
                continue; // released meanwhile: try again
            }
            Instant createdAt = existing.getDate("createdAt").toInstant();
            if (createdAt.isBefore(now.minus(RETENTION))) {
                keys.deleteOne(same(existing));
                continue;
            }
            boolean inProgress = IN_PROGRESS.equals(existing.getString("state"));
            if (inProgress && createdAt.isBefore(now.minus(inProgressTimeout))) {
                if (recoverDied(existing)) {
                    continue; // taken over (deleted) or completed from its commit: look again
                }
                throw new IdempotentRequestInProgress(key);
            }
            if (!fingerprint.equals(existing.getString("fingerprint"))) {
                throw new IdempotencyKeyReused(key);
            }
            if (inProgress) {
                throw new IdempotentRequestInProgress(key);
            }
            return new Replay(existing.getInteger("status"), existing.getString("body"),
                    existing.getString("etag"), existing.getString("location"));
        }
        throw new IdempotentRequestInProgress(key);
    }

    /**
     * Settles the claim of a request that died: completes it from its recorded commit if that commit is
     * stored, deletes it if nothing of it is. Returns false when the outcome is not known yet.
     */
    private boolean recoverDied(Document existing) {
        Document commit = existing.get(COMMIT, Document.class);
        String lastEventId = commit == null ? null : commit.getString("lastEventId");
        if (lastEventId == null) {
            log.warn("Idempotency-Key {}: its request died before committing anything; a retry runs it",
                    existing.get("_id"));
            keys.deleteOne(same(existing));
            return true;
        }
        CommittedEvents lookup = committedEvents.get();
        if (lookup == null) {
            return false;
        }
        CommittedEvents.Outcome outcome = lookup.lookup(lastEventId);
        switch (outcome.state()) {
            case COMMITTED -> {
                ObjectNode body = (ObjectNode) jsonMapper.readTree(commit.getString("body"));
                body.put("position", outcome.position());
                keys.updateOne(same(existing), Updates.combine(Updates.set("state", COMPLETED),
                        Updates.set("body", jsonMapper.writeValueAsString(body)),
                        Updates.set("etag", commit.getString("etag"))));
                log.warn("Idempotency-Key {}: its request died after committing at position {}; its result is "
                        + "answered to the retry", existing.get("_id"), outcome.position());
                return true;
            }
            case ABSENT -> {
                log.warn("Idempotency-Key {}: its request died and its commit never landed; a retry runs it",
                        existing.get("_id"));
                keys.deleteOne(same(existing));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The claim id of the request currently holding {@code key}, or null. */
    public String currentClaim(String key) {
        Document existing = keys.find(Filters.eq("_id", key)).first();
        return existing == null || !IN_PROGRESS.equals(existing.getString("state")) ? null : existing.getString(CLAIM);
    }

    /**
     * Records, just before a command's events are appended, the identifier of the last one and the
     * response body (its position still null) and ETag, so that a retry can tell whether the commit
     * landed and answer its result.
     *
     * @throws IdempotentRequestInProgress when the claim was taken over meanwhile: the command must not
     *                                      append, the request that took over runs it
     */
    public void recordCommit(String key, String claimId, String lastEventId, String body, String etag) {
        long matched = unjournaledKeys.updateOne(mine(key, claimId), Updates.set(COMMIT, new Document("lastEventId", lastEventId)
                .append("body", body).append("etag", etag))).getMatchedCount();
        if (matched == 0) {
            throw new IdempotentRequestInProgress(key);
        }
    }

    /** Stores the response of the request that owns {@code key}. */
    public void complete(String key, String claimId, int status, String body, String etag, String location) {
        unjournaledKeys.updateOne(mine(key, claimId),
                Updates.combine(Updates.set("state", COMPLETED), Updates.set("status", status),
                        Updates.set("body", body), Updates.set("etag", etag), Updates.set("location", location)));
    }

    /** Gives up the claim of a request that failed, so that it may be retried. */
    public void release(String key, String claimId) {
        unjournaledKeys.deleteOne(mine(key, claimId));
    }

    private static Bson mine(String key, String claimId) {
        return Filters.and(Filters.eq("_id", key), Filters.eq(CLAIM, claimId), Filters.eq("state", IN_PROGRESS));
    }

    /** The document as read: same claim (or, for documents without one, same creation time) and state. */
    private static Bson same(Document existing) {
        Object claim = existing.get(CLAIM);
        return Filters.and(Filters.eq("_id", existing.get("_id")),
                claim != null ? Filters.eq(CLAIM, claim) : Filters.eq("createdAt", existing.getDate("createdAt")),
                Filters.eq("state", existing.getString("state")));
    }
}
