package dev.kehu.infra.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Every data subject's own AES-256 key, in the MongoDB collection {@value #COLLECTION}: {@code _id} = the subject
 * (an individual customer's or a contact's id), {@code customerId} (whose event first held the subject's data),
 * {@code wrapped} = the key sealed with the master key (AES-GCM, the
 * subject id as associated data, so a wrapped key moved to another subject does not open), {@code createdAt}. An
 * erased subject keeps only {@code erasedAt} (and {@code customerId}): its key is gone for good, and no new one is ever made for it.
 *
 * <p>The document {@value #CHECK_ID} holds a known text sealed with the master key: a wrong master key fails
 * start-up with one clear message instead of showing every person as erased.
 *
 * <p>Unwrapped keys are cached (Caffeine, at most {@value #CACHE_SIZE}, each for {@link #CACHE_FOR}): after an
 * erasure, another instance may still open the subject's fields for up to that long. Keys are never logged.
 */
public class SubjectKeys {

    public static final String COLLECTION = "subject_keys";
    static final String CHECK_ID = "kehu:master-key-check";
    static final int CACHE_SIZE = 100_000;
    static final Duration CACHE_FOR = Duration.ofMinutes(1);
    private static final byte[] CHECK_TEXT = "Kehu master key check".getBytes(StandardCharsets.UTF_8);

    /** What the store holds for a subject. */
    public enum State { KEY, ERASED, NONE }

    private final MongoCollection<Document> keys;
    /** {@link #keys} for new keys: the event append that follows every new key waits for the disk and covers it. */
    private final MongoCollection<Document> unjournaledKeys;
    private final SecretKey master;
    /** A subject's key, or empty once erased (final, so cached too). */
    private final Cache<String, Optional<SecretKey>> cache = Caffeine.newBuilder()
            .maximumSize(CACHE_SIZE).expireAfterWrite(CACHE_FOR).build();

    SubjectKeys(MongoDatabase database, SecretKey master) {
        this.keys = database.getCollection(COLLECTION);
        this.unjournaledKeys = keys.withWriteConcern(keys.getWriteConcern().withJournal(false));
        this.master = master;
        checkMasterKey();
    }

    private void checkMasterKey() {
        Document check = keys.find(Filters.eq("_id", CHECK_ID)).first();
        if (check == null) {
            try {
                keys.insertOne(new Document("_id", CHECK_ID).append("check",
                        new Binary(Aead.encrypt(master, CHECK_TEXT, associatedData(CHECK_ID)))));
                return;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                check = keys.find(Filters.eq("_id", CHECK_ID)).first();
            }
        }
        try {
            Aead.decrypt(master, check.get("check", Binary.class).getData(), associatedData(CHECK_ID));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new MasterKeyException("The configured master key is not the one this store's personal data keys"
                    + " were wrapped with (the key check in MongoDB collection '" + COLLECTION + "' does not open).",
                    "Configure the master key this store was created with (kehu.crypto.master-key or"
                            + " kehu.crypto.master-key-file; on the embedded default <kehu.data-dir>/master.key)."
                            + " A lost master key cannot be recovered: the encrypted personal fields are lost with it.");
        }
    }

    /**
     * The subject's key for sealing a new value, made on first use; an erased subject gets none. For a subject the
     * event creates ({@code fresh}: a registration, a new contact) the key is inserted straight away and read only
     * when the insert finds one stored already: one round trip instead of a read and an insert.
     */
    SecretKey keyForWriting(String subject, String customerId, boolean fresh) {
        Optional<SecretKey> known = cache.getIfPresent(subject);
        if (known == null) {
            known = fresh ? create(subject, customerId) : read(subject).orElseGet(() -> create(subject, customerId));
            cache.put(subject, known);
        }
        return known.orElseThrow(() -> new SubjectErasedException(subject));
    }

    /**
     * Reads the keys of these subjects that are not cached with one query ({@code _id $in}) and caches them, so
     * opening a batch of events costs one round trip, not one per subject.
     */
    void prefetch(Collection<String> subjects) {
        List<String> missing = subjects.stream().filter(subject -> cache.getIfPresent(subject) == null)
                .distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        for (Document document : keys.find(Filters.in("_id", missing))) {
            String subject = document.getString("_id");
            cache.put(subject, stored(subject, document));
        }
    }

    /** The subject's key for opening; empty when erased or when it never had one. */
    Optional<SecretKey> keyForReading(String subject) {
        Optional<SecretKey> known = cache.getIfPresent(subject);
        if (known == null) {
            Optional<Optional<SecretKey>> stored = read(subject);
            if (stored.isEmpty()) {
                return Optional.empty(); // no key yet: not cached, one may come
            }
            known = stored.get();
            cache.put(subject, known);
        }
        return known;
    }

    /** The customer whose event first held the subject's data (where an export looks), if the subject has a key. */
    Optional<String> customerOf(String subject) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", subject)).first())
                .map(document -> document.getString("customerId"));
    }

    public State state(String subject) {
        Document document = keys.find(Filters.eq("_id", subject)).first();
        return document == null ? State.NONE : document.containsKey("wrapped") ? State.KEY : State.ERASED;
    }

    /** Deletes the subject's key for good (crypto-shredding), leaving {@code erasedAt}; idempotent. */
    public void erase(String subject, Instant at) {
        if (state(subject) == State.ERASED) {
            cache.put(subject, Optional.empty());
            return; // erased before: keep when
        }
        keys.updateOne(Filters.eq("_id", subject), Updates.combine(Updates.unset("wrapped"),
                Updates.set("erasedAt", Date.from(at))), new UpdateOptions().upsert(true));
        cache.put(subject, Optional.empty());
    }

    /** Stored: absent; erased: an empty key; otherwise the unwrapped key. */
    private Optional<Optional<SecretKey>> read(String subject) {
        Document document = keys.find(Filters.eq("_id", subject)).first();
        return document == null ? Optional.empty() : Optional.of(stored(subject, document));
    }

    /** The key a stored document holds: empty once erased. */
    private Optional<SecretKey> stored(String subject, Document document) {
        Binary wrapped = document.get("wrapped", Binary.class);
        return wrapped == null ? Optional.empty() : Optional.of(unwrap(subject, wrapped.getData()));
    }

    /** A new key for the subject; the stored one (or none, when erased) if the subject has a document already. */
    private Optional<SecretKey> create(String subject, String customerId) {
        SecretKey key = newKey();
        try {
            unjournaledKeys.insertOne(new Document("_id", subject).append("customerId", customerId)
                    .append("wrapped", new Binary(Aead.encrypt(master, key.getEncoded(), associatedData(subject))))
                    .append("createdAt", new Date()));
            return Optional.of(key);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // the subject had a key already (made earlier or by another writer, or erased): use what is stored
            return read(subject).orElseThrow(() -> e);
        }
    }

    private SecretKey unwrap(String subject, byte[] wrapped) {
        try {
            return new SecretKeySpec(Aead.decrypt(master, wrapped, associatedData(subject)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The key of data subject " + subject + " does not open with the master key"
                    + " (altered, or wrapped with another master key)");
        }
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available in this JDK", e);
        }
    }

    private static byte[] associatedData(String subject) {
        return ("kehu:subject-key:" + subject).getBytes(StandardCharsets.UTF_8);
    }
}
