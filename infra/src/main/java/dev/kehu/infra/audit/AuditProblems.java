package dev.kehu.infra.audit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.net.URI;

/** Maps audit failures to problem+json: 400 naming the bad parameter, 404 for unknown aggregates and jobs. */
@RestControllerAdvice(basePackages = "dev.kehu.infra.audit")
public class AuditProblems {

    static final URI INVALID_PARAMETER = URI.create("https://kehu.dev/problems/invalid-query-parameter");
    static final URI NOT_FOUND = URI.create("https://kehu.dev/problems/not-found");

    @ExceptionHandler(InvalidAuditParameter.class)
    public ProblemDetail invalidParameter(InvalidAuditParameter e) {
        return badParameter(e.parameter(), e.reason());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return badParameter(e.getName(), "is malformed: '" + e.getValue() + "'");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return badParameter(e.getParameterName(), "is required");
    }

    @ExceptionHandler(AggregateNotFound.class)
    public ProblemDetail notFound(AggregateNotFound e) {
        ProblemDetail problem = notFound(e.getMessage());
        problem.setProperty("aggregateType", e.kind().storedType());
        problem.setProperty("id", e.id());
        return problem;
    }

    @ExceptionHandler(VerificationJobNotFound.class)
    public ProblemDetail jobNotFound(VerificationJobNotFound e) {
        ProblemDetail problem = notFound(e.getMessage());
        problem.setProperty("id", e.id());
        return problem;
    }

    private static ProblemDetail notFound(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setType(NOT_FOUND);
        problem.setTitle("Not found");
        problem.setProperty("code", "not-found");
        return problem;
    }

    private static ProblemDetail badParameter(String parameter, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "query parameter '" + parameter + "' " + reason);
        problem.setType(INVALID_PARAMETER);
        problem.setTitle("Invalid query parameter");
        problem.setProperty("code", "invalid-query-parameter");
        problem.setProperty("parameter", parameter);
        problem.setProperty("reason", reason);
        return problem;
    }
}
