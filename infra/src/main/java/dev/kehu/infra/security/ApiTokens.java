package dev.kehu.infra.security;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Personal API tokens for scripts and the ERP, in the MongoDB collection {@code api_tokens}. A token is
 * {@code kehu_<id>_<secret>}: the id finds the stored document, the secret (32 random bytes) is stored as
 * its SHA-256 only and shown once, at creation. A random 256-bit secret needs no slow hash: nobody can guess
 * it, so SHA-256 suffices and a check costs microseconds. Each token expires; revoking one takes effect at once.
 */
public class ApiTokens {

    static final String COLLECTION = "api_tokens";
    static final String PREFIX = "kehu_";
    static final Duration MAX_LIFETIME = Duration.ofDays(366);

    /** A token as listed (never its secret). */
    public record TokenInfo(String id, String username, String label, Instant createdAt, Instant expiresAt,
                            Instant revokedAt) {
    }

    /** A new token: its text is shown once and cannot be read again. */
    public record IssuedToken(String token, TokenInfo info) {
    }

    private final MongoCollection<Document> tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(MongoDatabase database, Clock clock) {
        this.tokens = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    public IssuedToken issue(String username, String label, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("lifetime");
        }
        byte[] idBytes = new byte[9];
        byte[] secret = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secret);
        String id = HexFormat.of().formatHex(idBytes);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        tokens.insertOne(new Document("_id", id).append("username", username).append("label", label)
                .append("secretHash", hash(secretText)).append("createdAt", Date.from(now))
                .append("expiresAt", Date.from(expires)));
        return new IssuedToken(PREFIX + id + "_" + secretText, new TokenInfo(id, username, label, now, expires, null));
    }

    /** A valid token's user and expiry. */
    record Verified(String username, Instant expiresAt) {
    }

    /** The user name and expiry of a valid (known, matching, unexpired, unrevoked) token. */
    Optional<Verified> verify(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int split = token.indexOf('_', PREFIX.length());
        if (split < 0 || token.length() > 200) {
            return Optional.empty();
        }
        String id = token.substring(PREFIX.length(), split);
        Document doc = tokens.find(Filters.eq("_id", id)).first();
        if (doc == null || doc.get("revokedAt") != null
                || !doc.getDate("expiresAt").toInstant().isAfter(clock.instant())
                || !MessageDigest.isEqual(hash(token.substring(split + 1)).getBytes(), doc.getString("secretHash").getBytes())) {
            return Optional.empty();
        }
        return Optional.of(new Verified(doc.getString("username"), doc.getDate("expiresAt").toInstant()));
    }

    /** Revokes a token of this user (any user's when {@code username} is null); false when there is none. */
    public boolean revoke(String id, String username) {
        var filter = username == null ? Filters.eq("_id", id) : Filters.and(Filters.eq("_id", id), Filters.eq("username", username));
        return tokens.updateOne(Filters.and(filter, Filters.eq("revokedAt", null)),
                Updates.set("revokedAt", Date.from(clock.instant()))).getMatchedCount() == 1;
    }

    public Optional<TokenInfo> find(String id) {
        return Optional.ofNullable(tokens.find(Filters.eq("_id", id)).first()).map(ApiTokens::info);
    }

    public List<TokenInfo> of(String username) {
        return tokens.find(Filters.eq("username", username)).into(new ArrayList<>()).stream().map(ApiTokens::info).toList();
    }

    private static TokenInfo info(Document doc) {
        return new TokenInfo(doc.getString("_id"), doc.getString("username"), doc.getString("label"),
                doc.getDate("createdAt").toInstant(), doc.getDate("expiresAt").toInstant(),
                doc.getDate("revokedAt") == null ? null : doc.getDate("revokedAt").toInstant());
    }

    private static String hash(String secret) {
        return CredentialCache.key("api-token", secret);
    }
}
