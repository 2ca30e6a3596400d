package dev.kehu.query.projection.operations;

import dev.kehu.query.web.InvalidQueryParameter;
import jakarta.servlet.http.HttpServletRequest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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

    /** Strict percent-decoding of UTF-8 (as the command side's headers): malformed text is refused, never replaced. */
    static String decoded(String header, String value) {
        if (value == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new InvalidQueryParameter(header, "must be ASCII; send non-ASCII text percent-encoded as UTF-8 (张伟 as %E5%BC%A0%E4%BC%9F)");
            }
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            if (i + 2 >= value.length() || Character.digit(value.charAt(i + 1), 16) < 0 || Character.digit(value.charAt(i + 2), 16) < 0) {
                throw new InvalidQueryParameter(header, "has a malformed percent-escape");
            }
            bytes.write(Character.digit(value.charAt(i + 1), 16) * 16 + Character.digit(value.charAt(i + 2), 16));
            i += 2;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            if (text.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidQueryParameter(header, "must not contain control characters");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new InvalidQueryParameter(header, "is not well-formed percent-encoded UTF-8");
        }
    }
}
