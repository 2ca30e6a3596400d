package dev.kehu.infra.security;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of the {@link UserAccount} aggregate (id {@code user:<username>}). */
final class IdentityCommands {

    private IdentityCommands() {
    }

    record CreateUser(@TargetAggregateIdentifier String accountId, String username, String name, List<String> roles,
                      boolean oneTimePassword) {
    }

    record ChangeUserRoles(@TargetAggregateIdentifier String accountId, List<String> roles) {
    }

    record ChangeUserPassword(@TargetAggregateIdentifier String accountId, boolean oneTimePassword) {
    }

    record IssueApiToken(@TargetAggregateIdentifier String accountId, String tokenId, String label, Instant expiresAt) {
    }

    record RevokeApiToken(@TargetAggregateIdentifier String accountId, String tokenId) {
    }

    static String accountId(String username) {
        return "user:" + username;
    }
}
