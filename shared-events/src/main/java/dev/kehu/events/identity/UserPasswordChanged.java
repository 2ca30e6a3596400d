package dev.kehu.events.identity;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/**
 * A user's password was changed: by the user ({@code oneTimePassword} false) or set by an ADMIN for one use
 * (true). Neither the password nor its hash is in the log.
 */
@EventType("dev.kehu.events.identity.UserPasswordChanged")
@Revision("1")
public record UserPasswordChanged(String username, boolean oneTimePassword) {
}
