package dev.kehu.infra.security;

import dev.kehu.command.web.InvalidRequestField;
import dev.kehu.events.MetadataKeys;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Changes users, roles and tokens: first the command of the {@link UserAccount} (its event goes into the
 * hash-chained log, with the acting principal as actor), then the credential store. The log names who did
 * what; passwords and token secrets never enter it.
 */
public class IdentityAdministration {

    private final CommandGateway commands;
    private final UserDirectory users;
    private final ApiTokens tokens;
    private final SecureRandom random = new SecureRandom();

    public IdentityAdministration(CommandGateway commands, UserDirectory users, ApiTokens tokens) {
        this.commands = commands;
        this.users = users;
        this.tokens = tokens;
    }

    /** A new user; without a password it gets a one-time password, returned here once. */
    public String createUser(KehuPrincipal by, String username, String name, Set<Role> roles, String password) {
        requireUsername(username);
        String shownName = name == null || name.isBlank() ? username : name.strip();
        if (shownName.length() > 200) {
            throw new InvalidRequestField("name", "must be at most 200 characters");
        }
        boolean oneTime = password == null;
        String chosen = oneTime ? oneTimePassword() : password;
        UserDirectory.requireStrong(chosen);
        if (users.find(username).isPresent()) {
            throw new UserAlreadyExists(username);
        }
        commands.sendAndWait(new IdentityCommands.CreateUser(IdentityCommands.accountId(username), username, shownName,
                names(roles), oneTime), metaData(by));
        if (!users.create(username, shownName, chosen, roles, oneTime)) {
            throw new UserAlreadyExists(username);
        }
        return oneTime ? chosen : null;
    }

    public void changeRoles(KehuPrincipal by, String username, Set<Role> roles) {
        requireUser(username);
        commands.sendAndWait(new IdentityCommands.ChangeUserRoles(IdentityCommands.accountId(username), names(roles)),
                metaData(by));
        users.setRoles(username, roles);
    }

    /** The signed-in user sets its own password, proving the current one. */
    public void changeOwnPassword(KehuPrincipal user, String currentPassword, String newPassword) {
        UserDirectory.StoredUser stored = users.find(user.id())
                .orElseThrow(() -> new InvalidRequestField("currentPassword", "only embedded users have a password here"));
        if (currentPassword == null || !users.passwordMatches(stored, currentPassword)) {
            throw new InvalidRequestField("currentPassword", "does not match");
        }
        if (newPassword != null && newPassword.equals(currentPassword)) {
            throw new InvalidRequestField("password", "must differ from the current password");
        }
        UserDirectory.requireStrong(newPassword);
        commands.sendAndWait(new IdentityCommands.ChangeUserPassword(IdentityCommands.accountId(user.id()), false),
                metaData(user));
        users.changePassword(user.id(), newPassword);
    }

    public ApiTokens.IssuedToken issueToken(KehuPrincipal by, String username, String label, Duration lifetime) {
        requireUser(username);
        String text = label == null ? "" : label.strip();
        if (text.length() > 100) {
            throw new InvalidRequestField("label", "must be at most 100 characters");
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(ApiTokens.MAX_LIFETIME) > 0) {
            throw new InvalidRequestField("expiresInDays", "must be 1 to " + ApiTokens.MAX_LIFETIME.toDays());
        }
        ApiTokens.IssuedToken issued = tokens.issue(username, text, lifetime);
        try {
            commands.sendAndWait(new IdentityCommands.IssueApiToken(IdentityCommands.accountId(username),
                    issued.info().id(), text, issued.info().expiresAt()), metaData(by));
        } catch (RuntimeException e) {
            tokens.revoke(issued.info().id(), null); // not in the log: never usable
            throw e;
        }
        users.changed();
        return issued;
    }

    /** Revokes a token of {@code username}; false when it has no such live token. */
    public boolean revokeToken(KehuPrincipal by, String username, String tokenId) {
        if (tokens.find(tokenId).filter(t -> t.username().equals(username) && t.revokedAt() == null).isEmpty()) {
            return false;
        }
        // revoke first: a token must stop working even if recording the revocation fails
        tokens.revoke(tokenId, username);
        users.changed();
        Boolean recorded = commands.sendAndWait(new IdentityCommands.RevokeApiToken(IdentityCommands.accountId(username),
                tokenId), metaData(by));
        return recorded == null || recorded;
    }

    private void requireUser(String username) {
        if (users.find(username).isEmpty()) {
            throw new UnknownUser(username);
        }
    }

    static void requireUsername(String username) {
        if (username == null || username.isBlank() || username.length() > 100 || !username.strip().equals(username)
                || username.contains(":") || username.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestField("username", "must be 1 to 100 characters without ':', control characters"
                    + " or surrounding spaces");
        }
    }

    static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names == null) {
            throw new InvalidRequestField("roles", "is required: a list of SALES, MANAGER, AUDITOR, ADMIN, INTEGRATION");
        }
        for (String name : names) {
            try {
                roles.add(Role.valueOf(name));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidRequestField("roles", "unknown role; use SALES, MANAGER, AUDITOR, ADMIN, INTEGRATION");
            }
        }
        return roles;
    }

    private String oneTimePassword() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<String> names(Set<Role> roles) {
        return roles.stream().map(Enum::name).sorted().toList();
    }

    static MetaData metaData(KehuPrincipal by) {
        return MetaData.from(Map.of(MetadataKeys.ACTOR, by.id(), MetadataKeys.ACTOR_NAME, by.name(),
                MetadataKeys.CORRELATION_ID, UUID.randomUUID().toString()));
    }
}
