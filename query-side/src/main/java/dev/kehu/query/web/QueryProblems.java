package dev.kehu.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.net.URI;

/**
 * Maps read-side query failures to problem+json: 400 naming the bad parameter and why, 404 for unknown
 * ids. The shape is the command side's: {@code type} (https://kehu.dev/problems/{code}), {@code title},
 * {@code status}, {@code detail}, {@code code}, and {@code parameter} (plus {@code reason}).
 */
@RestControllerAdvice(basePackages = "dev.kehu.query")
public class QueryProblems {

    public static final String INVALID_PARAMETER_CODE = "invalid-query-parameter";
    static final URI INVALID_PARAMETER = URI.create("https://kehu.dev/problems/" + INVALID_PARAMETER_CODE);
    static final URI NOT_FOUND = URI.create("https://kehu.dev/problems/not-found");

    @ExceptionHandler(InvalidQueryParameter.class)
    public ProblemDetail invalidParameter(InvalidQueryParameter e) {
        return badParameter(e.parameter(), e.reason());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return typeMismatchProblem(e);
    }

    /** For controllers whose own IllegalArgumentException handler would otherwise take the mismatch (its cause). */
    public static ProblemDetail typeMismatchProblem(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        return badParameter(e.getName(), "must be a " + expected.toLowerCase() + ", got '" + e.getValue() + "'");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return badParameter(e.getParameterName(), "is required");
    }

    @ExceptionHandler(ViewNotFound.class)
    public ProblemDetail notFound(ViewNotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(NOT_FOUND);
        problem.setTitle("Not found");
        problem.setProperty("code", "not-found");
        problem.setProperty("view", e.view());
        problem.setProperty("id", e.id());
        return problem;
    }

    /** The 400 problem of one bad query parameter (for controllers with their own handlers too). */
    public static ProblemDetail badParameter(String parameter, String reason) {
        String safeReason = printable(reason);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "query parameter '" + printable(parameter) + "' " + safeReason);
        problem.setType(INVALID_PARAMETER);
        problem.setTitle("Invalid query parameter");
        problem.setProperty("code", INVALID_PARAMETER_CODE);
        problem.setProperty("parameter", printable(parameter));
        problem.setProperty("reason", safeReason);
        return problem;
    }

    /**
     * Text safe to echo: lone surrogates and control characters become U+FFFD (a lone surrogate
     * cannot be written as UTF-8 JSON), and anything beyond 300 characters is cut.
     */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 300; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.length() < text.length() ? out.append('…').toString() : out.toString();
    }
}
