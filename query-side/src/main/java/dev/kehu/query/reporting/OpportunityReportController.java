package dev.kehu.query.reporting;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import dev.kehu.query.search.SearchUnavailable;
import dev.kehu.query.web.InvalidQueryParameter;
import dev.kehu.query.web.QueryParameters;
import dev.kehu.query.web.QueryProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.format.annotation.DateTimeFormat;
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
 * {@code GET /api/reports/opportunities?from=2026-01-01&to=2026-12-31&region=华北&industry=&tier=GOLD
 * &owner=&stage=PROPOSAL,BIDDING&status=OPEN&groupBy=stage,owner}: counts, amounts and weighted
 * amounts of any slice of the pipeline. List parameters take comma-separated values (any of them
 * matches); groupBy takes one or two of stage, owner, region, industry, tier, closeMonth,
 * expectedCloseMonth. Bounds (400 naming the parameter): dates within 1900-01-01 … 2199-12-31, at most
 * {@link OpportunityReportCriteria#MAX_VALUES} values per list, each at most 200 characters.
 */
@RestController
@RequestMapping("/api/reports")
public class OpportunityReportController {

    private static final Logger log = LoggerFactory.getLogger(OpportunityReportController.class);

    private final OpportunityReports reports;

    public OpportunityReportController(OpportunityReports reports) {
        this.reports = reports;
    }

    @GetMapping("/opportunities")
    public OpportunityReport opportunities(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) List<String> region,
            @RequestParam(required = false) List<String> industry,
            @RequestParam(required = false) List<String> tier,
            @RequestParam(required = false) List<String> owner,
            @RequestParam(required = false) List<String> stage,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> groupBy) {
        List<ReportDimension> dimensions;
        try {
            dimensions = groupBy == null ? List.of()
                    : OpportunityReportCriteria.bounded("groupBy", groupBy).stream().map(ReportDimension::parse).toList();
        } catch (InvalidQueryParameter e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryParameter("groupBy", e.getMessage());
        }
        return reports.report(new OpportunityReportCriteria(from == null ? null : QueryParameters.inRange("from", from),
                to == null ? null : QueryParameters.inRange("to", to), region, industry, tier, owner, stage, status, dimensions));
    }

    @ExceptionHandler(SearchUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(SearchUnavailable e) {
        log.warn("reporting unavailable (503): {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Reports are unavailable for a moment: Elasticsearch does not answer.");
        problem.setTitle("Reporting unavailable");
        problem.setType(URI.create("https://kehu.dev/problems/search-unavailable"));
        problem.setProperty("code", "search-unavailable");
        problem.setProperty("reason", e.reason().name());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
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
        problem.setTitle("Invalid report");
        problem.setType(URI.create("https://kehu.dev/problems/invalid-report"));
        problem.setProperty("code", "invalid-report");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
