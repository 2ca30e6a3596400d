package dev.kehu.infra.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Credentials verified recently, so that HTTP Basic does not run bcrypt (~100 ms of CPU, by design) on
 * every request. Keyed by SHA-256 of the whole credential: a different password is a different key, and
 * the cache never holds a password. An entry lives {@code ttl} and only while the user directory's
 * generation is unchanged (any change to a user or token empties it). Bounded: at {@value #MAX_ENTRIES}
 * entries it starts over. Hand-written because it is a dozen lines; a cache library would add a
 * dependency for a map with an expiry.
 */
final class CredentialCache {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(KehuPrincipal principal, long expiresAtNanos, long generation) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final LongSupplier generation;

    CredentialCache(Duration ttl, LongSupplier generation) {
        this.ttlNanos = ttl.toNanos();
        this.generation = generation;
    }

    KehuPrincipal get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.generation != generation.getAsLong() || System.nanoTime() - entry.expiresAtNanos > 0) {
            entries.remove(key, entry);
            return null;
        }
        return entry.principal;
    }

    void put(String key, KehuPrincipal principal) {
        put(key, principal, ttlNanos);
    }

    /** An entry that must not outlive {@code notAfter} (an API token's expiry) even within the TTL. */
    void put(String key, KehuPrincipal principal, java.time.Instant notAfter) {
        put(key, principal, Math.min(ttlNanos, Duration.between(java.time.Instant.now(), notAfter).toNanos()));
    }

    private void put(String key, KehuPrincipal principal, long lifetimeNanos) {
        if (lifetimeNanos <= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(principal, System.nanoTime() + lifetimeNanos, generation.getAsLong()));
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
