package dev.kehu.events.identity;

import org.axonframework.serialization.Revision;

/**
 * A user's password was changed: by the user ({@code oneTimePassword} false) or set by an ADMIN for one use
 * (true). Neither the password nor its hash is in the log.
 */
@Revision("1")
public record UserPasswordChanged(String username, boolean oneTimePassword) {
}
