package dev.kehu.infra.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before any credential is checked: a user name or address that failed too often answers 429 with
 * {@code Retry-After} (whole seconds) until its back-off ends ({@link SignInThrottle}).
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;

    SignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            Duration wait = throttle.waitFor(username(authorization), request.getRemoteAddr());
            if (!wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                response.setHeader("Retry-After", Long.toString(seconds));
                ProblemResponses.write(response, 429, "Too many sign-in attempts", "too-many-sign-in-attempts",
                        "too many failed sign-ins for this user or from this address; retry after " + seconds + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The Basic user name, "token" for a bearer token (as {@link KehuAuthenticationProviders} counts them). */
    static String username(String authorization) {
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return "token";
    }
}
