package dev.kehu.infra.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.LongSupplier;

/**
 * Credentials verified recently, so that HTTP Basic does not run bcrypt (~100 ms of CPU, by design) on
 * every request. Keyed by SHA-256 of the whole credential: a different password is a different key, and
 * the cache never holds a password. An entry lives {@code ttl} (an API token's entry no longer than the
 * token: Caffeine's per-entry {@code expireAfter}) and only while the user directory's generation is
 * unchanged (any change to a user or token makes every older entry a miss). Bounded by Caffeine at
 * {@value #MAX_ENTRIES} entries.
 */
final class CredentialCache {

    static final int MAX_ENTRIES = 10_000;

    /** A verified principal, the directory generation it was verified under, and how long it may be trusted. */
    private record Entry(KehuPrincipal principal, long generation, Duration lifetime) {
    }

    private final Cache<String, Entry> entries = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfter(Expiry.writing((String key, Entry entry) -> entry.lifetime()))
            .build();
    private final Duration ttl;
    private final LongSupplier generation;

    CredentialCache(Duration ttl, LongSupplier generation) {
        this.ttl = ttl;
        this.generation = generation;
    }

    KehuPrincipal get(String key) {
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            return null;
        }
        if (entry.generation() != generation.getAsLong()) {
            entries.asMap().remove(key, entry);
            return null;
        }
        return entry.principal();
    }

    void put(String key, KehuPrincipal principal) {
        put(key, principal, ttl);
    }

    /** An entry that must not outlive {@code notAfter} (an API token's expiry) even within the TTL. */
    void put(String key, KehuPrincipal principal, Instant notAfter) {
        Duration untilExpiry = Duration.between(Instant.now(), notAfter);
        put(key, principal, untilExpiry.compareTo(ttl) < 0 ? untilExpiry : ttl);
    }

    private void put(String key, KehuPrincipal principal, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            return;
        }
        entries.put(key, new Entry(principal, generation.getAsLong(), lifetime));
    }

    static String key(String kind, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                sha.update((byte) 0);
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
