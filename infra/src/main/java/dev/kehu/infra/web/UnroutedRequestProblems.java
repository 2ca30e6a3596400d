package dev.kehu.infra.web;

import dev.kehu.command.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * problem+json for requests that reach no controller (unknown path, unsupported method or media type),
 * which controller-scoped advice (the command side's {@code ProblemDetailsAdvice}, the query side's
 * {@code QueryProblems}) never sees. Handles only these
 * routing errors, so it shadows no feature's own advice. Errors the servlet container raises itself
 * are answered by {@link ProblemErrorController} and, for requests Tomcat refuses before Spring, {@link ProblemJsonErrorReportValve}.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class UnroutedRequestProblems {

    @ExceptionHandler({HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
            HttpMediaTypeNotAcceptableException.class, NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ProblemDetail> unrouted(Exception e) {
        ErrorResponse error = (ErrorResponse) e;
        return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders())
                .body(Problems.complete(error.getBody()));
    }
}
