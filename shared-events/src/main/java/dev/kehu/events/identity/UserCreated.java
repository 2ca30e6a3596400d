package dev.kehu.events.identity;

import java.util.List;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/**
 * An embedded user was created with these roles; {@code oneTimePassword} when its first password must be
 * changed at first use (the first admin, or a password an ADMIN chose). The password itself is never in the log.
 */
@EventType("dev.kehu.events.identity.UserCreated")
@Revision("1")
public record UserCreated(String username, String name, List<String> roles, boolean oneTimePassword) {
}
