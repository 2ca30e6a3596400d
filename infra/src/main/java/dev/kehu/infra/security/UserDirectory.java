package dev.kehu.infra.security;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The embedded users, in the MongoDB collection {@code users}: {@code _id} the user name (the stable actor
 * id), display name, password hash (Spring Security's delegating encoder: {@code {bcrypt}…}), roles and the
 * must-change-password flag of a one-time password. Who changed what is recorded in the event log by
 * {@link IdentityLog}; passwords and their hashes never go there.
 */
public class UserDirectory {

    static final String COLLECTION = "users";
    static final int MIN_PASSWORD = 12;

    /** A stored user. */
    public record StoredUser(String username, String name, String passwordHash, Set<Role> roles,
                             boolean mustChangePassword) {

        KehuPrincipal principal() {
            return new KehuPrincipal(username, name, roles, mustChangePassword);
        }
    }

    private final MongoCollection<Document> users;
    private final PasswordEncoder encoder;
    private final Clock clock;
    /** Bumped on every change, so caches of verified credentials drop what they hold. */
    private final AtomicLong generation = new AtomicLong();
    private volatile String nobodyHash;

    public UserDirectory(MongoDatabase database, PasswordEncoder encoder, Clock clock) {
        this.users = database.getCollection(COLLECTION);
        this.encoder = encoder;
        this.clock = clock;
    }

    long generation() {
        return generation.get();
    }

    /** Something about users or tokens changed: forget every cached credential. */
    void changed() {
        generation.incrementAndGet();
    }

    public boolean isEmpty() {
        return users.countDocuments() == 0;
    }

    public Optional<StoredUser> find(String username) {
        Document doc = users.find(Filters.eq("_id", username)).first();
        return Optional.ofNullable(doc).map(UserDirectory::user);
    }

    /** Creates a user; false when the name is taken. */
    public boolean create(String username, String name, String password, Set<Role> roles, boolean mustChangePassword) {
        requireStrong(password);
        try {
            users.insertOne(new Document("_id", username).append("name", name)
                    .append("passwordHash", encoder.encode(password))
                    .append("roles", roles.stream().map(Enum::name).sorted().toList())
                    .append("mustChangePassword", mustChangePassword)
                    .append("createdAt", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        changed();
        return true;
    }

    /** For an unknown user: as slow as checking a password, and false, so timing does not reveal who exists. */
    boolean sameCostAsACheck(String password) {
        String hash = nobodyHash;
        if (hash == null) {
            hash = encoder.encode("nobody " + System.nanoTime());
            nobodyHash = hash;
        }
        encoder.matches(password, hash);
        return false;
    }

    public boolean passwordMatches(StoredUser user, String password) {
        return user.passwordHash() != null && encoder.matches(password, user.passwordHash());
    }

    /** Sets a new password (the user chose it: no longer one-time). */
    public void changePassword(String username, String password) {
        requireStrong(password);
        users.updateOne(Filters.eq("_id", username), Updates.combine(
                Updates.set("passwordHash", encoder.encode(password)), Updates.set("mustChangePassword", false)));
        changed();
    }

    /** Replaces the roles; false when there is no such user. */
    public boolean setRoles(String username, Set<Role> roles) {
        boolean found = users.updateOne(Filters.eq("_id", username),
                Updates.set("roles", roles.stream().map(Enum::name).sorted().toList())).getMatchedCount() == 1;
        changed();
        return found;
    }

    static void requireStrong(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            throw new WeakPassword(MIN_PASSWORD);
        }
    }

    private static StoredUser user(Document doc) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : doc.getList("roles", String.class, List.of())) {
            roles.add(Role.valueOf(role));
        }
        return new StoredUser(doc.getString("_id"), doc.getString("name"), doc.getString("passwordHash"), roles,
                Boolean.TRUE.equals(doc.getBoolean("mustChangePassword")));
    }
}
