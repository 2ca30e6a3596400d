package dev.kehu.query.reporting;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.kehu.query.elasticsearch.ElasticsearchEndpoint;
import dev.kehu.query.web.InvalidQueryParameter;
import dev.kehu.query.web.QueryParameters;
import dev.kehu.query.web.ViewFreshness;
import dev.kehu.query.web.ViewResponses;
import org.springframework.http.ResponseEntity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/opportunities?from=2026-01-01&to=2026-12-31&region=华北&industry=&tier=GOLD
 * &owner=&stage=PROPOSAL,BIDDING&status=OPEN&groupBy=stage,owner&minPosition=}: counts, amounts and weighted
 * amounts of any slice of the pipeline. List parameters take comma-separated values (any of them
 * matches); groupBy takes one or two of stage, owner, region, industry, tier, closeMonth,
 * expectedCloseMonth. Bounds (400 naming the parameter): dates within 1900-01-01 … 2199-12-31, at most
 * {@link OpportunityReportCriteria#MAX_VALUES} values per list, each at most 200 characters. {@code minPosition}
 * waits for the reporting index as the MongoDB views wait for theirs ({@link ViewFreshness}, same headers).
 */
@RestController
@RequestMapping("/api/reports")
public class OpportunityReportController extends ElasticsearchEndpoint {

    private final OpportunityReports reports;
    private final ViewFreshness freshness;

    /** Without read-your-writes ({@code minPosition} is checked, not waited for): for a standalone setup in tests. */
    public OpportunityReportController(OpportunityReports reports) {
        this(reports, null);
    }

    @Autowired
    public OpportunityReportController(OpportunityReports reports, ViewFreshness freshness) {
        super("reporting", "Reporting unavailable", "Reports are unavailable for a moment: Elasticsearch does not answer.", "report");
        this.reports = reports;
        this.freshness = freshness;
    }

    @GetMapping("/opportunities")
    public CompletableFuture<ResponseEntity<OpportunityReport>> opportunities(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) List<String> region,
            @RequestParam(required = false) List<String> industry,
            @RequestParam(required = false) List<String> tier,
            @RequestParam(required = false) List<String> owner,
            @RequestParam(required = false) List<String> stage,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> groupBy,
            @RequestParam(required = false) Long minPosition) {
        List<ReportDimension> dimensions;
        try {
            dimensions = groupBy == null ? List.of()
                    : OpportunityReportCriteria.bounded("groupBy", groupBy).stream().map(ReportDimension::parse).toList();
        } catch (InvalidQueryParameter e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryParameter("groupBy", e.getMessage());
        }
        OpportunityReportCriteria criteria = new OpportunityReportCriteria(from == null ? null : QueryParameters.inRange("from", from),
                to == null ? null : QueryParameters.inRange("to", to), region, industry, tier, owner, stage, status, dimensions);
        if (freshness == null) {
            ViewResponses.checkMinPosition(minPosition);
            return CompletableFuture.completedFuture(ResponseEntity.ok(reports.report(criteria)));
        }
        return freshness.answer(minPosition, OpportunityReportProjection.PROCESSING_GROUP,
                fresh -> ViewResponses.ok(reports.report(criteria), fresh));
    }
}
