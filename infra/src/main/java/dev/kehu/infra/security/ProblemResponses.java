package dev.kehu.infra.security;

import dev.kehu.command.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's one problem+json shape ({@link Problems}) for answers the security filters give before any
 * controller runs: 401, 403 and 429. Their details never say whether a user exists.
 */
final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    static void write(HttpServletResponse response, int status, String title, String code, String detail)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problems.TYPE_PREFIX + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    /** 401, or 429 with {@code Retry-After} when the sign-in failed because its user or address must wait. */
    static void unauthorized(HttpServletResponse response, Exception failure) throws IOException {
        if (failure instanceof SignInBackOff backOff) {
            response.setHeader("Retry-After", Long.toString(backOff.retryAfterSeconds()));
            write(response, 429, "Too many sign-in attempts", "too-many-sign-in-attempts",
                    "too many failed sign-ins for this user or from this address; retry after "
                            + backOff.retryAfterSeconds() + " s");
            return;
        }
        unauthorized(response);
    }

    static void unauthorized(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"kehu\", Bearer");
        write(response, 401, "Unauthorized", "unauthorized",
                "sign in with HTTP Basic, a personal API token or an OIDC bearer token; the credentials were missing or not accepted");
    }

    static void forbidden(HttpServletResponse response) throws IOException {
        write(response, 403, "Forbidden", "forbidden", "your roles do not allow this request");
    }
}
