package dev.kehu.command.customer.uniqueness;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.kehu.command.customer.CustomerConflict.CustomerAlreadyRegistered;
import dev.kehu.command.customer.UniqueCustomerFields;
import dev.kehu.command.customer.directory.CustomerDirectory;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Enforces set-wide uniqueness (credit code; an individual's normalized mobile and e-mail) that one
 * Customer aggregate cannot see, with claims in the MongoDB collection {@value #COLLECTION}:
 * {@code _id} = claim key (see {@link UniqueCustomerFields}), {@code customerId}, {@code state}
 * (PENDING, CONFIRMED), {@code claimedAt}.
 *
 * <ol>
 *   <li>Before the command is dispatched, each new value is claimed by inserting its document; the
 *       unique {@code _id} lets only one of two concurrent registrations win (duplicate key 11000 for
 *       the other, which is refused with {@link CustomerAlreadyRegistered} naming the holder).</li>
 *   <li>If the command fails, the new claims are deleted; if it succeeds they are confirmed, and on a
 *       profile change the claims of values no longer held are released.</li>
 *   <li>Recovery: a process that dies between claim and command leaves a PENDING claim for a customer
 *       that does not exist. A PENDING claim older than {@link #ORPHAN_AFTER} whose customer has no
 *       events is taken over by the next claimant; {@link #releaseOrphanedClaims()} deletes all such
 *       claims in one sweep.</li>
 * </ol>
 *
 * <p>Claiming, confirming and releasing a new claim are sent unjournaled ({@code j: false}): a claim is always
 * followed by the command's append, whose acknowledgement waits for the disk and covers every write before it (on
 * the embedded server, one sync round instead of three; see {@code DurableH2Backend}), and a lost confirmation or
 * release leaves a PENDING claim that recovery settles as above. Releasing a value a customer no longer holds stays
 * journaled: nothing after it would cover it, and a lost release would keep the value taken.
 */
@Component
public class CustomerUniqueness {

    public static final String COLLECTION = "customer_claims";
    public static final Duration ORPHAN_AFTER = Duration.ofMinutes(1);
    private static final String PENDING = "PENDING";
    private static final String CONFIRMED = "CONFIRMED";

    private final MongoCollection<Document> claims;
    /** {@link #claims} for writes whose durability a later acknowledged write (or recovery) provides. */
    private final MongoCollection<Document> unjournaledClaims;
    private final EventStore eventStore;
    private final CustomerDirectory directory;
    private final Clock clock;

    public CustomerUniqueness(MongoDatabase database, EventStore eventStore, CustomerDirectory directory,
                              ObjectProvider<Clock> clock) {
        this.claims = database.getCollection(COLLECTION);
        this.unjournaledClaims = claims.withWriteConcern(claims.getWriteConcern().withJournal(false));
        this.eventStore = eventStore;
        this.directory = directory;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /** Claims the unique values of a new customer, runs {@code register}, then confirms or releases. */
    public <T> T register(String customerId, CustomerKind kind, CustomerProfile profile, Supplier<T> register) {
        return withClaims(customerId, UniqueCustomerFields.of(kind, profile), List.of(), register);
    }

    /**
     * Claims the values of a changed profile that the customer does not hold yet, runs {@code change},
     * then confirms them and releases the values it no longer holds. An unknown customer is left to
     * the command (which answers 404).
     */
    public <T> T changeProfile(String customerId, CustomerProfile profile, Supplier<T> change) {
        var entry = directory.find(customerId);
        if (entry.isEmpty()) {
            return change.get();
        }
        return withClaims(customerId, UniqueCustomerFields.of(entry.get().kind(), profile),
                entry.get().claimKeys(), change);
    }

    private <T> T withClaims(String customerId, UniqueCustomerFields wanted, List<String> held, Supplier<T> action) {
        List<String> claimed = new ArrayList<>();
        try {
            for (var value : wanted.valuesByKey().entrySet()) {
                if (!held.contains(value.getKey())) {
                    claim(value.getKey(), value.getValue(), customerId);
                    claimed.add(value.getKey());
                }
            }
            T result = action.get();
            for (String key : claimed) {
                unjournaledClaims.updateOne(held(key, customerId), Updates.set("state", CONFIRMED));
            }
            for (String key : held) {
                if (!wanted.valuesByKey().containsKey(key)) {
                    claims.deleteOne(held(key, customerId));
                }
            }
            return result;
        } catch (RuntimeException | Error e) {
            for (String key : claimed) {
                unjournaledClaims.deleteOne(held(key, customerId).append("state", PENDING));
            }
            throw e;
        }
    }

    private void claim(String key, String value, String customerId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant now = clock.instant();
            try {
                unjournaledClaims.insertOne(new Document("_id", key).append("customerId", customerId)
                        .append("state", PENDING).append("claimedAt", Date.from(now)));
                return;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Document holder = claims.find(Filters.eq("_id", key)).first();
            if (holder == null) {
                continue;
            }
            String holderId = holder.getString("customerId");
            if (holderId.equals(customerId)) {
                return;
            }
            if (isOrphaned(holder, now)) {
                claims.deleteOne(held(key, holderId).append("state", PENDING));
                continue;
            }
            throw new CustomerAlreadyRegistered(UniqueCustomerFields.fieldOf(key), value, holderId);
        }
        throw new IllegalStateException("could not claim " + key + " after 5 attempts");
    }

    /**
     * The claim {@code key} held by {@code customerId}. A plain document; {@code Filters.and}, which the driver sends
     * as {@code $and}, is found by {@code _id} too since the embedded store reads an {@code _id} clause inside
     * {@code $and} ({@code IdRange}); before that, each confirmation scanned every claim.
     */
    private static Document held(String key, String customerId) {
        return new Document("_id", key).append("customerId", customerId);
    }

    private boolean isOrphaned(Document claim, Instant now) {
        return PENDING.equals(claim.getString("state"))
                && claim.getDate("claimedAt").toInstant().isBefore(now.minus(ORPHAN_AFTER))
                && !customerExists(claim.getString("customerId"));
    }

    private boolean customerExists(String customerId) {
        return eventStore.lastSequenceNumberFor(customerId).isPresent();
    }

    /**
     * Deletes PENDING claims older than {@link #ORPHAN_AFTER} whose customer does not exist, and
     * confirms those whose customer does. Returns the number deleted.
     */
    public int releaseOrphanedClaims() {
        Instant now = clock.instant();
        int released = 0;
        for (Document claim : claims.find(Filters.eq("state", PENDING))) {
            if (!claim.getDate("claimedAt").toInstant().isBefore(now.minus(ORPHAN_AFTER))) {
                continue;
            }
            String customerId = claim.getString("customerId");
            if (customerExists(customerId)) {
                claims.updateOne(Filters.eq("_id", claim.get("_id")), Updates.set("state", CONFIRMED));
            } else {
                released += (int) claims.deleteOne(held(claim.getString("_id"), customerId)
                        .append("state", PENDING)).getDeletedCount();
            }
        }
        return released;
    }

    /** The customers holding these claim keys (key → customer id; keys nobody holds are absent), in one query. */
    public java.util.Map<String, String> holdersOf(java.util.Collection<String> claimKeys) {
        java.util.Map<String, String> holders = new java.util.HashMap<>();
        claims.find(Filters.in("_id", claimKeys)).forEach(claim -> holders.put(claim.getString("_id"), claim.getString("customerId")));
        return holders;
    }

    /** The customer holding a claim key, if any (for tests and operations). */
    public java.util.Optional<String> holderOf(String claimKey) {
        return java.util.Optional.ofNullable(claims.find(Filters.eq("_id", claimKey)).first())
                .map(d -> d.getString("customerId"));
    }
}
