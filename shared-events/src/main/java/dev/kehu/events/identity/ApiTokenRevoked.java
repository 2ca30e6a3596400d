package dev.kehu.events.identity;

import org.axonframework.serialization.Revision;

/** A personal API token was revoked; it is refused from now on. */
@Revision("1")
public record ApiTokenRevoked(String username, String tokenId) {
}
