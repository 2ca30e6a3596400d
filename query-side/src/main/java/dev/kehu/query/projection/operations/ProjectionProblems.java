package dev.kehu.query.projection.operations;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.Map;

/**
 * Problems of the projection operations (this package's controller and the rebuild's): unknown projection or dead
 * letter 404, an operation the projection's state refuses 409, as {@code application/problem+json}.
 */
@RestControllerAdvice(basePackages = "dev.kehu.query.projection")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProjectionProblems {

    @ExceptionHandler(UnknownProjection.class)
    public ProblemDetail unknownProjection(UnknownProjection e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-projection", "Unknown projection", e.getMessage(), Map.of("projection", safe(e.name())));
    }

    @ExceptionHandler(DeadLetterOperations.UnknownDeadLetter.class)
    public ProblemDetail unknownDeadLetter(DeadLetterOperations.UnknownDeadLetter e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-dead-letter", "Unknown dead letter", e.getMessage(), Map.of("id", safe(e.id())));
    }

    @ExceptionHandler(ProjectionOperationRefused.class)
    public ProblemDetail refused(ProjectionOperationRefused e) {
        return problem(HttpStatus.CONFLICT, "projection-operation-refused", "Operation refused", e.getMessage(),
                Map.of("projection", safe(e.projection())));
    }

    static ProblemDetail problem(HttpStatus status, String code, String title, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, safe(detail));
        problem.setType(URI.create("https://kehu.dev/problems/" + code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** Names echoed from the request: no control characters or lone surrogates, at most 300 characters. */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 300; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) || Character.isISOControl(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
