package dev.kehu.command.web;

import dev.kehu.command.actor.Actor;
import dev.kehu.command.actor.ActorSource;
import dev.kehu.events.HeaderText;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Builds a {@link CommandContext}: the actor from {@link ActorSource} (the authenticated principal; no
 * header names it), the rest from the request headers; see the package documentation.
 */
public class CommandContextArgumentResolver implements HandlerMethodArgumentResolver {

    public static final String REASON = "X-Reason";
    public static final String CORRELATION_ID = "X-Correlation-Id";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String IF_MATCH = "If-Match";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:\\-]{1,100}");
    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");
    private static final int MAX_REASON = 500;

    private final ActorSource actors;

    public CommandContextArgumentResolver(ActorSource actors) {
        this.actors = actors;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return CommandContext.class.equals(parameter.getParameterType());
    }

    @Override
    public CommandContext resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                          NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Actor actor = actors.actorOf(request);
        String reason = decoded(REASON, request.getHeader(REASON));
        if (reason != null && reason.isBlank()) {
            reason = null;
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw new InvalidRequestField(REASON, "must be at most " + MAX_REASON + " characters");
        }
        return new CommandContext(actor, reason, correlationId(request.getHeader(CORRELATION_ID)),
                idempotencyKey(request.getHeader(IDEMPOTENCY_KEY)), expectedVersion(request.getHeader(IF_MATCH)),
                request.getMethod(), request.getRequestURI());
    }

    /** Header text ({@link HeaderText}): percent-encoded UTF-8; anything else is a 400 naming the header. */
    public static String decoded(String header, String value) {
        try {
            return HeaderText.decode(value);
        } catch (HeaderText.Malformed e) {
            throw new InvalidRequestField(header, e.getMessage());
        }
    }

    private static String correlationId(String value) {
        if (value == null || value.isBlank()) {
            return UUID.randomUUID().toString();
        }
        if (!isCorrelationId(value)) {
            throw new InvalidRequestField(CORRELATION_ID, "must be 1 to 100 letters, digits or . _ : -");
        }
        return value;
    }

    /**
     * Whether a caller's {@value #CORRELATION_ID} is one the command side accepts: 1 to 100 letters, digits or
     * {@code . _ : -}. The request-logging filter asks the same question before it logs an id.
     */
    public static boolean isCorrelationId(String value) {
        return value != null && TOKEN.matcher(value).matches();
    }

    private static String idempotencyKey(String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > 200 || !value.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new InvalidRequestField(IDEMPOTENCY_KEY, "must be 1 to 200 printable ASCII characters");
        }
        return value;
    }

    private static Long expectedVersion(String value) {
        if (value == null || value.strip().equals("*")) {
            return null;
        }
        var matcher = VERSION.matcher(value.strip());
        if (!matcher.matches()) {
            throw new InvalidRequestField(IF_MATCH, "must be the version in quotes as sent in the ETag, e.g. \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }
}
