package dev.kehu.query.search;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kehu.query.web.QueryProblems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Search and report parameters are checked before Elasticsearch is asked: with Elasticsearch down (a
 * closed port), a request within the bounds answers 503 (it got as far as Elasticsearch) and one beyond
 * them 400 naming the parameter. So no bound is left for Elasticsearch to refuse with a 503.
 */
class SearchAndReportParametersTest {

    private static MockMvc mvc;

    @BeforeAll
    static void pointAClientAtAClosedPort() {
        mvc = SearchFixtures.endpointsWithElasticsearchDown().setControllerAdvice(new QueryProblems()).build();
    }

    private static ResultActions refused(MockHttpServletRequestBuilder request, String parameter) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.code").value("invalid-query-parameter"))
                .andExpect(jsonPath("$.type").value("https://kehu.dev/problems/invalid-query-parameter"))
                .andExpect(jsonPath("$.parameter").value(parameter));
    }

    private static void reachesElasticsearch(MockHttpServletRequestBuilder request) throws Exception {
        mvc.perform(request).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.code").value("search-unavailable"));
    }

    @Test
    void refusesASearchTextLongerThan200Characters() throws Exception {
        String q = "北京京东世纪贸易有限公司 Beijing Jingdong ".repeat(8);
        refused(get("/api/search/customers").param("q", q), "q")
                .andExpect(jsonPath("$.detail").value("q must be at most 200 characters, got " + q.strip().length()));
        refused(get("/api/search/customers").param("q", "x".repeat(5_000)), "q");
        reachesElasticsearch(get("/api/search/customers").param("q", "张".repeat(200)));
    }

    @Test
    void refusesPagesBeyondElasticsearchsResultWindow() throws Exception {
        refused(get("/api/search/customers").param("page", "1000"), "page")
                .andExpect(jsonPath("$.reason").value(
                        "must keep (page + 1) × size at most 10000; narrow the search instead of paging this deep"));
        refused(get("/api/search/customers").param("page", "100").param("size", "100"), "page");
        refused(get("/api/search/customers").param("page", "2147483647").param("size", "100"), "page");
        refused(get("/api/search/customers").param("page", "-1"), "page");
        refused(get("/api/search/customers").param("size", "0"), "size");
        refused(get("/api/search/customers").param("size", "101"), "size");
        refused(get("/api/search/customers").param("page", "many"), "page");
        reachesElasticsearch(get("/api/search/customers").param("page", "999").param("size", "10"));
        reachesElasticsearch(get("/api/search/customers").param("page", "99").param("size", "100"));
    }

    @Test
    void refusesOverlongFilters() throws Exception {
        refused(get("/api/search/customers").param("region", "华".repeat(201)), "region");
        refused(get("/api/search/customers").param("tag", "t".repeat(201)), "tag");
    }

    @Test
    void refusesReportDatesOutsideTheBusinessRangeAndBadGroupings() throws Exception {
        refused(get("/api/reports/opportunities").param("from", "0001-01-01"), "from")
                .andExpect(jsonPath("$.reason").value("must be between 1900-01-01 and 2199-12-31, got 0001-01-01"));
        refused(get("/api/reports/opportunities").param("to", "+999999999-12-31"), "to");
        refused(get("/api/reports/opportunities").param("to", "2026-02-30"), "to");
        refused(get("/api/reports/opportunities").param("from", "2026-12-01").param("to", "2026-01-01"), "from");
        refused(get("/api/reports/opportunities").param("groupBy", "colour"), "groupBy");
        refused(get("/api/reports/opportunities").param("groupBy", "stage,owner,region"), "groupBy");
        refused(get("/api/reports/opportunities").param("region", "华北,".repeat(101)), "region");
        refused(get("/api/reports/opportunities").param("owner", "o".repeat(201)), "owner");
        refused(get("/api/reports/opportunities").param("stage", "MARTIAN"), "stage")
                .andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.startsWith("must be one of LEAD, QUALIFICATION")));
        refused(get("/api/reports/opportunities").param("status", "赢单"), "status");
        reachesElasticsearch(get("/api/reports/opportunities").param("from", "1900-01-01").param("to", "2199-12-31")
                .param("groupBy", "stage,owner").param("stage", "bidding,NEGOTIATION").param("status", "open"));
    }

    @Test
    void refusesANegativeOrMalformedMinPosition() throws Exception {
        refused(get("/api/search/customers").param("minPosition", "-1"), "minPosition");
        refused(get("/api/search/customers").param("minPosition", "soon"), "minPosition");
        reachesElasticsearch(get("/api/search/customers").param("q", "京东").param("minPosition", "0"));
    }

    @Test
    void refusesSuggestionsForNothingOrTooMuch() throws Exception {
        refused(get("/api/search/suggest"), "q");
        refused(get("/api/search/suggest").param("q", "  "), "q");
        refused(get("/api/search/suggest").param("q", "京".repeat(101)), "q");
        refused(get("/api/search/suggest").param("q", "jd").param("size", "0"), "size");
        refused(get("/api/search/suggest").param("q", "jd").param("size", "21"), "size");
        refused(get("/api/search/suggest").param("q", "jd").param("size", "lots"), "size");
        reachesElasticsearch(get("/api/search/suggest").param("q", "京东"));
    }
}
