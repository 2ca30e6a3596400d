package dev.kehu.events.identity;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A user's roles were replaced (who granted them is the event's actor). */
@Revision("1")
public record UserRolesChanged(String username, List<String> previousRoles, List<String> roles) {
}
