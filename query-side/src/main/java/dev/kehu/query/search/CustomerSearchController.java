package dev.kehu.query.search;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * {@code GET /api/search/customers?q=&region=&tier=&manager=&lifecycle=&tag=&page=0&size=10}:
 * customers and contacts by free text, with highlights, a churned marker, facets and pages.
 * Answers 503 problem+json while Elasticsearch is down (logged), 400 problem+json naming the
 * parameter for bad input ({@link CustomerSearchCriteria} has the bounds).
 */
@RestController
@RequestMapping("/api/search")
public class CustomerSearchController {

    private static final Logger log = LoggerFactory.getLogger(CustomerSearchController.class);

    private final CustomerSearch search;

    public CustomerSearchController(CustomerSearch search) {
        this.search = search;
    }

    @GetMapping("/customers")
    public CustomerSearchResult customers(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String tier,
            @RequestParam(required = false) String manager,
            @RequestParam(required = false) String lifecycle,
            @RequestParam(required = false) String tag,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "10") int size) {
        return search.search(new CustomerSearchCriteria(q, region, tier, manager, lifecycle, tag, page, size));
    }

    @ExceptionHandler(SearchUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(SearchUnavailable e) {
        log.warn("search unavailable (503): {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Search is unavailable for a moment; changes are kept and will be searchable when it is back.");
        problem.setTitle("Search unavailable");
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
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(QueryProblems.typeMismatchProblem(e));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        if (e instanceof InvalidQueryParameter parameter) {
            ProblemDetail problem = QueryProblems.badParameter(parameter.parameter(), parameter.reason());
            problem.setDetail(parameter.parameter() + " " + problem.getProperties().get("reason")); // as before: "size must be …"
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid search");
        problem.setType(URI.create("https://kehu.dev/problems/invalid-search"));
        problem.setProperty("code", "invalid-search");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
