package dev.kehu.query.search;

import dev.kehu.query.elasticsearch.ElasticsearchEndpoint;
import dev.kehu.query.projection.ProjectionPositions.Freshness;
import dev.kehu.query.web.ViewFreshness;
import dev.kehu.query.web.ViewResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search/customers?q=&region=&tier=&manager=&lifecycle=&tag=&page=0&size=10&minPosition=}:
 * customers and contacts by free text, with highlights, a churned marker, facets and pages; with
 * {@code minPosition} (the position a command returned) it waits, as the views do ({@link ViewFreshness}),
 * until the search projection has applied that position, and says in the {@code Kehu-View-Position} and
 * {@code Kehu-View-Stale} headers how fresh the answer is.
 * {@code GET /api/search/suggest?q=&size=8}: type-ahead names ({@link CustomerSuggest}).
 * Answers 503 problem+json while Elasticsearch is down (logged), 400 problem+json naming the
 * parameter for bad input ({@link CustomerSearchCriteria} has the bounds).
 */
@RestController
@RequestMapping("/api/search")
public class CustomerSearchController extends ElasticsearchEndpoint {

    private final CustomerSearch search;
    private final CustomerSuggest suggest;
    private final ViewFreshness freshness;

    /** Without freshness tracking (tests, benchmarks): {@code minPosition} is checked but not waited for. */
    public CustomerSearchController(CustomerSearch search, CustomerSuggest suggest) {
        this(search, suggest, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public CustomerSearchController(CustomerSearch search, CustomerSuggest suggest, ViewFreshness freshness) {
        super("search", "Search unavailable", "Search is unavailable for a moment; changes are kept and will be searchable when it is back.", "search");
        this.search = search;
        this.suggest = suggest;
        this.freshness = freshness;
    }

    @GetMapping("/customers")
    public CompletableFuture<ResponseEntity<CustomerSearchResult>> customers(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String tier,
            @RequestParam(required = false) String manager,
            @RequestParam(required = false) String lifecycle,
            @RequestParam(required = false) String tag,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "10") int size,
            @RequestParam(required = false) Long minPosition) {
        CustomerSearchCriteria criteria = new CustomerSearchCriteria(q, region, tier, manager, lifecycle, tag, page, size);
        ViewResponses.checkMinPosition(minPosition);
        if (freshness == null) {
            return CompletableFuture.completedFuture(ViewResponses.ok(search.search(criteria), new Freshness(-1, minPosition != null)));
        }
        return freshness.answer(minPosition, CustomerSearchProjection.PROCESSING_GROUP,
                fresh -> ViewResponses.ok(search.search(criteria), fresh));
    }

    @GetMapping("/suggest")
    public Map<String, Object> suggest(@RequestParam(required = false) String q, @RequestParam(required = false) Integer size) {
        List<CustomerSuggest.Suggestion> suggestions = suggest.suggest(q, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("q", q.strip());
        body.put("suggestions", suggestions);
        return body;
    }
}
