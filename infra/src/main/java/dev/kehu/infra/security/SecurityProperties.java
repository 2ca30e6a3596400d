package dev.kehu.infra.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in ({@code kehu.security.*}).
 *
 * @param issuerUri          OIDC issuer (e.g. {@code https://sso.example.com/realms/kehu}); when set, JWT bearer
 *                           tokens are accepted, checked against the issuer's keys and its {@code iss}
 * @param jwkSetUri          JWK set URI instead of (or beside) the issuer's discovery document
 * @param audience           when set, a JWT's {@code aud} must contain it
 * @param rolesClaim         claim holding the Kehu roles of a JWT; a dotted path reaches nested claims
 *                           ({@code realm_access.roles} for Keycloak realm roles)
 * @param principalClaim     claim giving the stable actor id of a JWT
 * @param nameClaim          claim giving the display name of a JWT
 * @param basic              HTTP Basic for the embedded users (in MongoDB)
 * @param credentialCacheTtl how long a verified Basic credential or API token is trusted without checking its
 *                           hash again (a bcrypt check on every request would cost ~100 ms of CPU); changing or
 *                           removing a user or token empties the cache at once
 * @param signIn             back-off after failed sign-ins
 * @param corsAllowedOrigins origins allowed to call the API from a browser; empty (the default) allows none
 */
@ConfigurationProperties("kehu.security")
public record SecurityProperties(@DefaultValue("") String issuerUri, @DefaultValue("") String jwkSetUri,
                                 @DefaultValue("") String audience, @DefaultValue("roles") String rolesClaim,
                                 @DefaultValue("sub") String principalClaim, @DefaultValue("name") String nameClaim,
                                 @DefaultValue("true") boolean basic,
                                 @DefaultValue("60s") Duration credentialCacheTtl,
                                 @DefaultValue SignIn signIn,
                                 @DefaultValue List<String> corsAllowedOrigins) {

    /**
     * {@code kehu.security.sign-in.*}.
     *
     * @param maxFailures           failed sign-ins of one user before it must wait
     * @param maxFailuresPerAddress failed sign-ins from one client address before it must wait (higher: an
     *                              office may share one address)
     * @param backoff               the first wait; each further failure doubles it, up to {@code max-backoff}
     * @param maxBackoff            the longest wait; a count whose last failure is older starts again
     */
    public record SignIn(@DefaultValue("5") int maxFailures, @DefaultValue("20") int maxFailuresPerAddress,
                         @DefaultValue("1s") Duration backoff, @DefaultValue("15m") Duration maxBackoff) {
    }

    boolean jwtEnabled() {
        return !issuerUri.isBlank() || !jwkSetUri.isBlank();
    }
}
