package dev.kehu.query.search;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Elasticsearch not answering (a closed port): the endpoints say 503 with a problem+json body. */
class CustomerSearchUnavailableTest {

    private static MockMvc mvc;

    @BeforeAll
    static void pointAClientAtAClosedPort() {
        mvc = SearchFixtures.endpointsWithElasticsearchDown().build();
    }

    @Test
    void answersSearchesWith503ProblemDetails() throws Exception {
        mvc.perform(get("/api/search/customers").param("q", "张三"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.title").value("Search unavailable"))
                .andExpect(jsonPath("$.type").value("https://kehu.dev/problems/search-unavailable"));
    }

    @Test
    void answersReportsWith503ProblemDetails() throws Exception {
        mvc.perform(get("/api/reports/opportunities").param("groupBy", "stage"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Reporting unavailable"));
    }

    @Test
    void rejectsBadPagingWith400() throws Exception {
        mvc.perform(get("/api/search/customers").param("q", "x").param("size", "1000"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("size must be between 1 and 100"));
    }
}
