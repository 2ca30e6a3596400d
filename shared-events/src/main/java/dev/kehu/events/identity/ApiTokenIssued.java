package dev.kehu.events.identity;

import java.time.Instant;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A personal API token was issued to a user (its secret is never in the log). */
@EventType("dev.kehu.events.identity.ApiTokenIssued")
@Revision("1")
public record ApiTokenIssued(String username, String tokenId, String label, Instant expiresAt) {
}
