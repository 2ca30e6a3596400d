package dev.kehu.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.net.URI;

/** Maps read-side query failures to problem+json: 400 naming the bad parameter and why, 404 for unknown ids. */
@RestControllerAdvice(basePackages = "dev.kehu.query")
public class QueryProblems {

    static final URI INVALID_PARAMETER = URI.create("https://kehu.dev/problems/invalid-query-parameter");
    static final URI NOT_FOUND = URI.create("https://kehu.dev/problems/not-found");

    @ExceptionHandler(InvalidQueryParameter.class)
    public ProblemDetail invalidParameter(InvalidQueryParameter e) {
        return badParameter(e.parameter(), e.reason());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
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
        problem.setProperty("view", e.view());
        problem.setProperty("id", e.id());
        return problem;
    }

    private static ProblemDetail badParameter(String parameter, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "query parameter '" + parameter + "' " + reason);
        problem.setType(INVALID_PARAMETER);
        problem.setTitle("Invalid query parameter");
        problem.setProperty("parameter", parameter);
        problem.setProperty("reason", reason);
        return problem;
    }
}
