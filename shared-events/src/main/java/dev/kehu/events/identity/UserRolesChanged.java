package dev.kehu.events.identity;

import java.util.List;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A user's roles were replaced (who granted them is the event's actor). */
@EventType("dev.kehu.events.identity.UserRolesChanged")
@Revision("1")
public record UserRolesChanged(String username, List<String> previousRoles, List<String> roles) {
}
