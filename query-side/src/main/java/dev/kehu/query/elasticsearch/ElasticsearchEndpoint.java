package dev.kehu.query.elasticsearch;

import java.net.URI;

import dev.kehu.query.web.InvalidQueryParameter;
import dev.kehu.query.web.QueryProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The errors of an endpoint that asks Elasticsearch (search, reports), as problem+json: 503 with
 * {@code Retry-After} while Elasticsearch cannot answer ({@link SearchUnavailable}, logged at WARN), 400
 * naming the parameter for bad input. A controller extends it and names what it answers ("search",
 * "report"); Spring MVC finds the {@code @ExceptionHandler}s on the superclass.
 */
public abstract class ElasticsearchEndpoint {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String logLabel;
    private final String unavailableTitle;
    private final String unavailableDetail;
    private final String invalidTitle;
    private final String invalidCode;

    /**
     * @param logLabel          how the 503 is logged ("search" → "search unavailable (503): …")
     * @param unavailableTitle  title of the 503 problem
     * @param unavailableDetail detail of the 503 problem
     * @param what              what a bad request asked for: title "Invalid {what}", code {@code invalid-{what}}
     */
    protected ElasticsearchEndpoint(String logLabel, String unavailableTitle, String unavailableDetail, String what) {
        this.logLabel = logLabel;
        this.unavailableTitle = unavailableTitle;
        this.unavailableDetail = unavailableDetail;
        this.invalidTitle = "Invalid " + what;
        this.invalidCode = "invalid-" + what;
    }

    @ExceptionHandler(SearchUnavailable.class)
    protected ResponseEntity<ProblemDetail> unavailable(SearchUnavailable e) {
        log.warn("{} unavailable (503): {}", logLabel, e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, unavailableDetail);
        problem.setTitle(unavailableTitle);
        problem.setType(URI.create("https://kehu.dev/problems/search-unavailable"));
        problem.setProperty("code", "search-unavailable");
        problem.setProperty("reason", e.reason().name());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** A parameter of the wrong type ("page=many"): named, as everywhere else (its cause is an IllegalArgumentException). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    protected ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(QueryProblems.typeMismatchProblem(e));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    protected ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        if (e instanceof InvalidQueryParameter parameter) {
            ProblemDetail problem = QueryProblems.badParameter(parameter.parameter(), parameter.reason());
            problem.setDetail(parameter.parameter() + " " + problem.getProperties().get("reason")); // as before: "size must be …"
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle(invalidTitle);
        problem.setType(URI.create("https://kehu.dev/problems/" + invalidCode));
        problem.setProperty("code", invalidCode);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
