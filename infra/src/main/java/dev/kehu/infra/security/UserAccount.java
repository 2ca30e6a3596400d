package dev.kehu.infra.security;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.events.identity.ApiTokenIssued;
import dev.kehu.events.identity.ApiTokenRevoked;
import dev.kehu.events.identity.UserCreated;
import dev.kehu.events.identity.UserPasswordChanged;
import dev.kehu.events.identity.UserRolesChanged;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user as the event log knows it: every change to users, roles and tokens is an event of this aggregate in
 * the same hash-chained log as customers and opportunities, so who granted whom what is auditable. The
 * credentials themselves (password hashes, token hashes) live in {@link UserDirectory} and {@link ApiTokens}.
 */
@Aggregate
class UserAccount {

    @AggregateIdentifier
    private String accountId;
    private String username;
    private List<String> roles;
    private final Set<String> liveTokens = new HashSet<>();

    protected UserAccount() {
        // for Axon
    }

    @CommandHandler
    UserAccount(IdentityCommands.CreateUser command) {
        apply(new UserCreated(command.username(), command.name(), command.roles(), command.oneTimePassword()));
    }

    @CommandHandler
    void handle(IdentityCommands.ChangeUserRoles command) {
        if (!command.roles().equals(roles)) {
            apply(new UserRolesChanged(username, roles, command.roles()));
        }
    }

    @CommandHandler
    void handle(IdentityCommands.ChangeUserPassword command) {
        apply(new UserPasswordChanged(username, command.oneTimePassword()));
    }

    @CommandHandler
    void handle(IdentityCommands.IssueApiToken command) {
        apply(new ApiTokenIssued(username, command.tokenId(), command.label(), command.expiresAt()));
    }

    @CommandHandler
    boolean handle(IdentityCommands.RevokeApiToken command) {
        if (!liveTokens.contains(command.tokenId())) {
            return false;
        }
        apply(new ApiTokenRevoked(username, command.tokenId()));
        return true;
    }

    @EventSourcingHandler
    void on(UserCreated event) {
        accountId = IdentityCommands.accountId(event.username());
        username = event.username();
        roles = event.roles();
    }

    @EventSourcingHandler
    void on(UserRolesChanged event) {
        roles = event.roles();
    }

    @EventSourcingHandler
    void on(ApiTokenIssued event) {
        liveTokens.add(event.tokenId());
    }

    @EventSourcingHandler
    void on(ApiTokenRevoked event) {
        liveTokens.remove(event.tokenId());
    }
}
