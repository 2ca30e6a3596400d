package dev.kehu.query.projection.operations;

import dev.kehu.events.HeaderText;
import dev.kehu.query.web.InvalidQueryParameter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who performs an operation on a projection, and why: the one place operation endpoints learn the
 * actor. In the application every request to these endpoints is authenticated (ADMIN only), and the
 * actor is the authenticated principal's stable id ({@link HttpServletRequest#getUserPrincipal()}, which
 * Spring Security fills); whatever {@code X-Actor} says is then ignored. Only the read side's own tests,
 * which run without a security filter chain, have no principal: there the actor comes from
 * {@code X-Actor}, percent-encoded UTF-8. The reason comes from {@code X-Reason}.
 */
public final class ProjectionActor {

    public static final String ACTOR = "X-Actor";
    public static final String REASON = "X-Reason";
    private static final int MAX_ACTOR = 100;
    private static final int MAX_REASON = 500;

    private ProjectionActor() {
    }

    /** The acting user: the authenticated principal; without one, {@code X-Actor} (missing or malformed: 400). */
    public static String of(HttpServletRequest request) {
        java.security.Principal principal = request.getUserPrincipal();
        if (principal != null && principal.getName() != null && !principal.getName().isBlank()) {
            return principal.getName();
        }
        String actor = decoded(ACTOR, request.getHeader(ACTOR));
        if (actor == null || actor.isBlank()) {
            throw new InvalidQueryParameter(ACTOR, "is a required header; it names the acting user");
        }
        if (actor.length() > MAX_ACTOR) {
            throw new InvalidQueryParameter(ACTOR, "must be at most " + MAX_ACTOR + " characters");
        }
        return actor.strip();
    }

    /** The reason given in {@code X-Reason}; {@code required}: a missing one is a 400. */
    public static String reason(HttpServletRequest request, boolean required) {
        String reason = decoded(REASON, request.getHeader(REASON));
        if (reason == null || reason.isBlank()) {
            if (required) {
                throw new InvalidQueryParameter(REASON, "is a required header; say why");
            }
            return null;
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidQueryParameter(REASON, "must be at most " + MAX_REASON + " characters");
        }
        return reason.strip();
    }

    /** Header text ({@link HeaderText}, as the command side reads it); anything else is a 400 naming the header. */
    static String decoded(String header, String value) {
        try {
            return HeaderText.decode(value);
        } catch (HeaderText.Malformed e) {
            throw new InvalidQueryParameter(header, e.getMessage());
        }
    }
}
