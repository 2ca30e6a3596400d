package dev.kehu.infra.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A verified JWT as a {@link KehuPrincipal}: id from {@code principal-claim} (default {@code sub}), display name
 * from {@code name-claim} (else {@code preferred_username}, else the id), roles from {@code roles-claim}, a list
 * or a space-separated string, reached by a dotted path ({@code realm_access.roles}); names are matched without
 * regard to case, with or without a {@code ROLE_} prefix, and names that are no Kehu role are ignored.
 */
final class JwtPrincipals implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties properties;

    JwtPrincipals(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Object id = jwt.getClaims().get(properties.principalClaim());
        if (!(id instanceof String text) || text.isBlank()) {
            throw new BadCredentialsException("token has no " + properties.principalClaim());
        }
        String name = jwt.getClaimAsString(properties.nameClaim());
        if (name == null) {
            name = jwt.getClaimAsString("preferred_username");
        }
        return new KehuAuthentication(new KehuPrincipal(text, name == null ? text : name, roles(jwt), false));
    }

    private Set<Role> roles(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String step : properties.rolesClaim().split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(step) : null;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Collection<?> names = value instanceof Collection<?> list ? list
                : value instanceof String text ? java.util.List.of(text.split("\\s+")) : java.util.List.of();
        for (Object name : names) {
            String role = String.valueOf(name).toUpperCase(Locale.ROOT);
            role = role.startsWith("ROLE_") ? role.substring(5) : role;
            for (Role known : Role.values()) {
                if (known.name().equals(role)) {
                    roles.add(known);
                }
            }
        }
        return roles;
    }
}
