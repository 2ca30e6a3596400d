package dev.kehu.query.search;

import dev.kehu.query.elasticsearch.ElasticsearchEndpoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search/customers?q=&region=&tier=&manager=&lifecycle=&tag=&page=0&size=10}:
 * customers and contacts by free text, with highlights, a churned marker, facets and pages.
 * Answers 503 problem+json while Elasticsearch is down (logged), 400 problem+json naming the
 * parameter for bad input ({@link CustomerSearchCriteria} has the bounds).
 */
@RestController
@RequestMapping("/api/search")
public class CustomerSearchController extends ElasticsearchEndpoint {

    private final CustomerSearch search;

    public CustomerSearchController(CustomerSearch search) {
        super("search", "Search unavailable", "Search is unavailable for a moment; changes are kept and will be searchable when it is back.", "search");
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
}
