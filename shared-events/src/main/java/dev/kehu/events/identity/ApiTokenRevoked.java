package dev.kehu.events.identity;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A personal API token was revoked; it is refused from now on. */
@EventType("dev.kehu.events.identity.ApiTokenRevoked")
@Revision("1")
public record ApiTokenRevoked(String username, String tokenId) {
}
