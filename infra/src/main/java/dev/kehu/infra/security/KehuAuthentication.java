package dev.kehu.infra.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated {@link KehuPrincipal}, however it signed in; authorities are its roles. */
public final class KehuAuthentication extends AbstractAuthenticationToken {

    private final KehuPrincipal principal;

    public KehuAuthentication(KehuPrincipal principal) {
        super(principal.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public KehuPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.id();
    }

    static List<String> roleNames(KehuPrincipal principal) {
        return principal.roles().stream().map(Enum::name).sorted().toList();
    }
}
