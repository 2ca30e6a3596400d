package dev.kehu.infra.audit;

import dev.kehu.query.web.InvalidQueryParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import dev.kehu.query.web.QueryProblems;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.net.URI;

/**
 * Maps audit failures to problem+json: 400 naming the bad parameter (the read side's own problem, {@link QueryProblems}),
 * 404 for unknown aggregates and jobs.
 */
@RestControllerAdvice(basePackages = "dev.kehu.infra.audit")
public class AuditProblems {

    static final URI NOT_FOUND = URI.create("https://kehu.dev/problems/not-found");

    @ExceptionHandler(InvalidQueryParameter.class)
    public ProblemDetail invalidParameter(InvalidQueryParameter e) {
        return QueryProblems.badParameter(e.parameter(), e.reason());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return QueryProblems.typeMismatchProblem(e);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return QueryProblems.badParameter(e.getParameterName(), "is required");
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
}
