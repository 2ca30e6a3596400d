package dev.kehu.infra.security;

import java.util.Set;

/**
 * The signed-in user: stable {@code id} (the embedded user name, or a JWT's principal claim), display
 * {@code name}, roles, and whether it must change its one-time password before anything else.
 */
public record KehuPrincipal(String id, String name, Set<Role> roles, boolean mustChangePassword) {

    public KehuPrincipal {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
