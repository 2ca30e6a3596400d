package dev.kehu.command.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one problem+json shape of the API: {@code type} ({@code https://kehu.dev/problems/<code>}),
 * {@code title}, {@code status}, {@code detail}, a stable machine-readable {@code code}, and
 * {@code field} (command bodies and headers) or {@code parameter} (query parameters) when one is at
 * fault. Problems Spring or the servlet container raise get the code of their status
 * ({@code not-found}, {@code method-not-allowed}, {@code unsupported-media-type}, …).
 */
public final class Problems {

    public static final String TYPE_PREFIX = "https://kehu.dev/problems/";
    private static final int MAX_DETAIL = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String title, String detail, String code) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, printable(detail));
        problem.setTitle(title);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setProperty("code", code);
        return problem;
    }

    /** Adds the code and type a problem built elsewhere lacks, and makes its detail printable. */
    public static ProblemDetail complete(ProblemDetail problem) {
        String code = problem.getProperties() != null && problem.getProperties().get("code") instanceof String given
                ? given : codeOf(HttpStatusCode.valueOf(problem.getStatus()));
        problem.setProperty("code", code);
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(URI.create(TYPE_PREFIX + code));
        }
        if (problem.getDetail() != null) {
            problem.setDetail(printable(problem.getDetail()));
        }
        return problem;
    }

    /** "Unsupported Media Type" → "unsupported-media-type"; unknown statuses → "http-<status>". */
    public static String codeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value()
                : known.getReasonPhrase().toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    /**
     * Text safe to echo in a problem: lone surrogates and control characters become U+FFFD (a lone
     * surrogate cannot even be written as UTF-8 JSON), and anything beyond 500 characters is cut.
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DETAIL + 1));
        for (int i = 0; i < text.length() && out.length() < MAX_DETAIL; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || (Character.isISOControl(c) && c != ' ')) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.length() < text.length() ? out.append('…').toString() : out.toString();
    }

    /**
     * Writes a problem straight to the servlet response, for filters and the error page, where no
     * content negotiation should stand between a client mistake and its problem+json answer.
     */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
