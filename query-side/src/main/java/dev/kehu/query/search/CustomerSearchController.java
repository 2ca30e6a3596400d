package dev.kehu.query.search;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search/customers?q=&region=&tier=&manager=&lifecycle=&tag=&page=0&size=10}:
 * customers and contacts by free text, with highlights, a churned marker, facets and pages.
 * Answers 503 problem+json while Elasticsearch is down, 400 problem+json for bad paging.
 */
@RestController
@RequestMapping("/api/search")
public class CustomerSearchController {

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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Search is unavailable for a moment; changes are kept and will be searchable when it is back.");
        problem.setTitle("Search unavailable");
        problem.setType(URI.create("https://kehu.dev/problems/search-unavailable"));
        problem.setProperty("reason", e.reason().name());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid search");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
