package dev.kehu.infra.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A user signed in with a one-time password (the first admin, or one an ADMIN set) may do nothing but
 * read {@code /api/me} and change its password: anything else answers 403 {@code password-change-required}.
 */
final class PasswordChangeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof KehuAuthentication kehu
                && kehu.getPrincipal().mustChangePassword() && !allowed(request)) {
            ProblemResponses.write(response, 403, "Password change required", "password-change-required",
                    "this password was for one use: set your own with PUT /api/me/password first");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean allowed(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/api/me") && request.getMethod().equals("GET")
                || path.equals("/api/me/password") && request.getMethod().equals("PUT");
    }
}
