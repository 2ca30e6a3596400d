package dev.kehu.infra.security;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Sign-in of the embedded users: HTTP Basic ({@link #basic}) and personal API tokens ({@link #apiTokens}).
 * Both trust a credential verified within {@code credential-cache-ttl} without hashing it again
 * ({@link CredentialCache}), record failures ({@link SignInFailures}), and make a user or address that failed too
 * often wait ({@link SignInThrottle}, {@link SignInBackOff}: 429).
 * An unknown user costs the same bcrypt check as a wrong password, so timing does not tell them apart.
 */
final class KehuAuthenticationProviders {

    /** The back-off counts every failed API token under this name (they carry no user name). */
    private static final String TOKEN = "\u0000api-token";

    private final UserDirectory users;
    private final ApiTokens tokens;
    private final CredentialCache cache;
    private final SignInThrottle throttle;
    private final SignInFailures failures;

    KehuAuthenticationProviders(UserDirectory users, ApiTokens tokens, CredentialCache cache, SignInThrottle throttle,
                                SignInFailures failures) {
        this.users = users;
        this.tokens = tokens;
        this.cache = cache;
        this.throttle = throttle;
        this.failures = failures;
    }

    AuthenticationProvider basic() {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) throws AuthenticationException {
                String username = authentication.getName();
                String password = String.valueOf(authentication.getCredentials());
                String key = CredentialCache.key("basic", username, password);
                KehuAuthentication cached = cached(key);
                if (cached != null) {
                    return cached;
                }
                String address = backOff(username, authentication);
                Optional<UserDirectory.StoredUser> user = users.find(username);
                boolean matches = user.isPresent() ? users.passwordMatches(user.get(), password)
                        : users.sameCostAsACheck(password);
                if (!matches) {
                    throw refused(username, "basic", username, address, "bad credentials");
                }
                throttle.succeeded(username);
                KehuPrincipal principal = user.get().principal();
                cache.put(key, principal);
                return new KehuAuthentication(principal);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /** Bearer tokens that start with {@code kehu_}; others are left to the JWT provider (null). */
    AuthenticationProvider apiTokens() {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) throws AuthenticationException {
                String token = ((BearerTokenAuthenticationToken) authentication).getToken();
                if (!token.startsWith(ApiTokens.PREFIX)) {
                    return null;
                }
                String key = CredentialCache.key("token", token);
                KehuAuthentication cached = cached(key);
                if (cached != null) {
                    return cached;
                }
                String address = backOff(TOKEN, authentication);
                Optional<ApiTokens.Verified> verified = tokens.verify(token);
                Optional<UserDirectory.StoredUser> user = verified.flatMap(v -> users.find(v.username()));
                if (user.isEmpty()) {
                    throw refused(TOKEN, "api-token", null, address, "bad token");
                }
                // a token signs in as its user, with its current roles (and, like a password, blocked until a
                // one-time password is changed)
                KehuPrincipal principal = user.get().principal();
                cache.put(key, principal, verified.get().expiresAt()); // never trusted beyond its expiry
                return new KehuAuthentication(principal);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /**
     * Checked after the cache: a credential verified recently still works while an attacker's failures make its
     * user or address wait (a whole office behind one address is not locked out); anything else waits. Returns the
     * caller's address.
     */
    private String backOff(String username, Authentication authentication) {
        String address = address(authentication);
        Duration wait = throttle.waitFor(username, address);
        if (!wait.isZero()) {
            throw new SignInBackOff(wait);
        }
        return address;
    }

    /** A credential verified within {@code credential-cache-ttl} signs in without hashing it again; else null. */
    private KehuAuthentication cached(String key) {
        KehuPrincipal cached = cache.get(key);
        return cached == null ? null : new KehuAuthentication(cached);
    }

    /** Counts a failure against {@code throttled} and the address, records it ({@code user} may be null). */
    private BadCredentialsException refused(String throttled, String method, String user, String address,
                                            String message) {
        throttle.failed(throttled, address);
        failures.record(method, user, address);
        return new BadCredentialsException(message);
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }
}
