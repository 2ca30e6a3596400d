package dev.kehu.command.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Answers every client mistake with {@code application/problem+json}: {@code title}, {@code status},
 * {@code detail} and, where one field is at fault, {@code field} (plus {@code errors} listing every
 * invalid field for bean-validation failures). Feature exceptions are mapped by {@link ProblemMapping}
 * beans; anything unmapped is a server error (500) and is logged. Scoped to command-side controllers so
 * that it never shadows the query side's own advice; errors raised before a controller is chosen
 * (unknown path, wrong method) are the application's: {@code dev.kehu.infra.web.UnroutedRequestProblems}.
 */
@RestControllerAdvice(basePackages = "dev.kehu.command")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final ObjectProvider<ProblemMapping<?>> mappings;

    public ProblemDetailsAdvice(ObjectProvider<ProblemMapping<?>> mappings) {
        this.mappings = mappings;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", error.getField(), "reason", String.valueOf(error.getDefaultMessage())));
        }
        errors.sort((a, b) -> String.valueOf(a.get("field")).compareTo(String.valueOf(b.get("field"))));
        ex.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(Map.of("field", error.getObjectName(), "reason", String.valueOf(error.getDefaultMessage()))));
        Map<String, Object> first = errors.isEmpty() ? Map.of("field", "body", "reason", "invalid") : errors.get(0);
        ProblemDetail problem = problemAbout(first.get("field"), HttpStatus.BAD_REQUEST, "Invalid request",
                first.get("field") + ": " + first.get("reason"), "invalid-field");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String field = "body";
        String reason;
        String code;
        Throwable cause = ex.getCause();
        if (cause instanceof RefusedRequestValue refused) {
            field = path(refused);
            reason = refused.reason();
            code = "invalid-value";
        } else if (cause instanceof InvalidFormatException invalid) {
            field = path(invalid);
            reason = invalidValue(invalid);
            code = "invalid-value";
        } else if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            field = path(mismatched);
            reason = "wrong type"
                    + (mismatched.getTargetType() != null ? ", expected " + describe(mismatched.getTargetType()) : "");
            code = "wrong-type";
        } else if (cause instanceof StreamReadException parse) {
            if (!parse.getPath().isEmpty()) {
                field = path(parse); // a number too large for its field, for one
            }
            reason = "invalid JSON: " + parse.getOriginalMessage();
            code = "malformed-json";
        } else if (cause instanceof JacksonException other) {
            field = other.getPath().isEmpty() ? "body" : path(other);
            reason = "cannot be read: " + other.getOriginalMessage();
            code = "malformed-json";
        } else {
            reason = "a JSON request body is required";
            code = "malformed-json";
        }
        return ResponseEntity.badRequest().body(problemAbout(field, HttpStatus.BAD_REQUEST, "Invalid request",
                field + ": " + reason, code));
    }

    @ExceptionHandler(InvalidRequestField.class)
    ResponseEntity<ProblemDetail> invalidField(InvalidRequestField e) {
        return respond(problemAbout(e.field(), HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), "invalid-field"));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        ProblemDetail problem = problemAbout("id", HttpStatus.NOT_FOUND, "Not found",
                "no " + aggregateName(e) + " with id " + e.getAggregateIdentifier(), "not-found");
        problem.setProperty("id", e.getAggregateIdentifier());
        return respond(problem);
    }

    @ExceptionHandler(StaleAggregateVersion.class)
    ResponseEntity<ProblemDetail> stale(StaleAggregateVersion e) {
        ProblemDetail problem = problemAbout(CommandContextArgumentResolver.IF_MATCH, HttpStatus.CONFLICT, "Stale version",
                e.getMessage(), "stale-version");
        problem.setProperty("expectedVersion", e.expectedVersion());
        problem.setProperty("currentVersion", e.currentVersion());
        return respond(problem);
    }

    @ExceptionHandler({ConcurrencyException.class, ConflictingModificationException.class,
            AggregateStreamCreationException.class, LockAcquisitionFailedException.class})
    ResponseEntity<ProblemDetail> concurrentChange(RuntimeException e) {
        return respond(problem(HttpStatus.CONFLICT, "Concurrent change",
                "the aggregate was changed concurrently; reload and retry", "concurrent-change"));
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ResponseEntity<ProblemDetail> keyReused(IdempotencyKeyReused e) {
        return respond(problemAbout(CommandContextArgumentResolver.IDEMPOTENCY_KEY, HttpStatus.UNPROCESSABLE_CONTENT,
                "Idempotency key reused", e.getMessage(), "idempotency-key-reused"));
    }

    @ExceptionHandler(IdempotentRequestInProgress.class)
    ResponseEntity<ProblemDetail> inProgress(IdempotentRequestInProgress e) {
        return respond(problemAbout(CommandContextArgumentResolver.IDEMPOTENCY_KEY, HttpStatus.CONFLICT,
                "Request in progress", e.getMessage(), "request-in-progress"));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> mappedOrServerError(RuntimeException e) {
        Throwable failure = e instanceof CommandExecutionException && e.getCause() != null ? e.getCause() : e;
        ProblemMapping<?> mapping = mappingFor(failure);
        if (mapping == null) {
            log.error("unexpected failure", e);
            return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                    "the server failed; the failure was logged", "internal-error"));
        }
        ProblemDetail problem = problem(mapping.status(), titleOf(failure), failure.getMessage(), codeOf(failure));
        mapping.propertiesOf(failure).forEach(problem::setProperty);
        return respond(problem);
    }

    private ProblemMapping<?> mappingFor(Throwable failure) {
        ProblemMapping<?> best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ProblemMapping<?> mapping : mappings.orderedStream().toList()) {
            if (mapping.type().isInstance(failure)) {
                int distance = 0;
                for (Class<?> c = failure.getClass(); c != mapping.type(); c = c.getSuperclass()) {
                    distance++;
                }
                if (distance < bestDistance) {
                    best = mapping;
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    /**
     * Every problem: {@code type} (https://kehu.dev/problems/{code}), {@code title}, {@code status},
     * {@code detail} (made safe to echo: see {@link Problems#printable}) and a stable {@code code}.
     */
    private static ProblemDetail problem(HttpStatus status, String title, String detail, String code) {
        return Problems.of(status, title, detail, code);
    }

    /** A {@link #problem} that names the body field, header or path variable it is about ({@code field}). */
    private static ProblemDetail problemAbout(Object field, HttpStatus status, String title, String detail, String code) {
        ProblemDetail problem = problem(status, title, detail, code);
        problem.setProperty("field", field);
        return problem;
    }

    /** Problems Spring itself raises in command controllers get a code and type too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.complete(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** "CustomerOnCreditHold" → "customer-on-credit-hold". */
    private static String codeOf(Throwable failure) {
        return failure.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** "CustomerOnCreditHold" → "Customer on credit hold". */
    private static String titleOf(Throwable failure) {
        String words = failure.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String aggregateName(AggregateNotFoundException e) {
        return e instanceof UnknownAggregate unknown ? unknown.aggregateName() : "aggregate";
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String invalidValue(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        String value = String.valueOf(e.getValue());
        if (target != null && target.isEnum()) {
            return "unknown value '" + value + "'; expected one of "
                    + Arrays.toString(target.getEnumConstants());
        }
        return "invalid value '" + value + "'" + (target != null ? ", expected " + describe(target) : "");
    }

    private static String describe(Class<?> type) {
        Map<Class<?>, String> names = new LinkedHashMap<>();
        names.put(java.time.LocalDate.class, "a date like 2026-11-22");
        names.put(java.math.BigDecimal.class, "a decimal number");
        names.put(Integer.class, "an integer");
        names.put(int.class, "an integer");
        names.put(Long.class, "an integer");
        names.put(String.class, "a string");
        names.put(List.class, "an array");
        return names.getOrDefault(type, type.isEnum() ? "one of " + Arrays.toString(type.getEnumConstants())
                : type.getSimpleName());
    }
}
