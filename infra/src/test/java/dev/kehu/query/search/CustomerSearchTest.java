package dev.kehu.query.search;

import dev.kehu.query.elasticsearch.VersionedIndex;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Filters, facets, highlights, paging, merged and churned customers, against a real node. */
@ExtendWith(SharedElasticsearch.class)
class CustomerSearchTest {

    @RegisterExtension
    static final SearchFixtures.IndexedCustomers INDEXED = new SearchFixtures.IndexedCustomers("behaviour_customers");

    private static CustomerSearchResult search(String q, String region, String tier, int page, int size) {
        return INDEXED.search().search(new CustomerSearchCriteria(q, region, tier, null, null, null, page, size));
    }

    private static Map<String, Long> facet(CustomerSearchResult result, String name) {
        return result.facets().get(name).stream()
                .collect(Collectors.toMap(CustomerSearchResult.FacetCount::value, CustomerSearchResult.FacetCount::count));
    }

    @Test
    void filtersByRegionAndCountsFacetsWithTheOtherFilters() {
        CustomerSearchResult result = search("", "华北", null, 0, 50);

        assertThat(result.hits()).extracting(CustomerSearchResult.Hit::customerId)
                .containsExactlyInAnyOrder("c01", "c03", "c06", "c07", "c25");
        assertThat(result.total()).isEqualTo(5);
        assertThat(facet(result, "region")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "华北", 5L, "华东", 5L, "华南", 4L, "海外", 5L, "华中", 2L, "西南", 2L));
        assertThat(facet(result, "tier")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GOLD", 2L, "DIAMOND", 1L, "SILVER", 1L, "NONE", 1L));
    }

    @Test
    void combinesFiltersWithFreeText() {
        CustomerSearchResult result = INDEXED.search().search(new CustomerSearchCriteria("京东", "华北", "GOLD", "wang.fang", "ACTIVE", null, 0, 10));

        assertThat(result.hits()).extracting(CustomerSearchResult.Hit::customerId).containsExactlyInAnyOrder("c03", "c25");
        assertThat(facet(result, "tier")).containsEntry("DIAMOND", 1L).containsEntry("GOLD", 2L);
    }

    @Test
    void filtersByTag() {
        CustomerSearchResult result = INDEXED.search().search(new CustomerSearchCriteria("", null, null, null, null, "大客户", 0, 10));

        assertThat(result.hits()).extracting(CustomerSearchResult.Hit::customerId)
                .containsExactlyInAnyOrder("c01", "c09", "c10", "c15");
    }

    @Test
    void highlightsTheMatchingContact() {
        CustomerSearchResult.Hit hit = search("张三", null, null, 0, 3).hits().get(0);

        assertThat(hit.customerId()).isEqualTo("c01");
        CustomerSearchResult.MatchedContact contact = hit.matchedContacts().get(0);
        assertThat(contact.contactId()).isEqualTo("c01-1");
        assertThat(contact.phones()).contains("13800138000");
        assertThat(contact.highlights().values()).flatMap(fragments -> fragments).contains("<em>张三</em>");
    }

    @Test
    void highlightsTheMatchingWordsOfACompanyName() {
        CustomerSearchResult.Hit hit = search("浦东发展银行", null, null, 0, 3).hits().get(0);

        assertThat(hit.customerId()).isEqualTo("c02");
        assertThat(hit.highlights().get("name")).singleElement().asString()
                .contains("<em>浦东</em>", "<em>发展</em>", "<em>银行</em>").doesNotContain("<em>上海</em>");
    }

    @Test
    void marksAChurnedCustomerAndStillFindsIt() {
        CustomerSearchResult.Hit hit = search("宝洁", null, null, 0, 3).hits().get(0);

        assertThat(hit.customerId()).isEqualTo("c16");
        assertThat(hit.churned()).isTrue();
        assertThat(hit.churnReason()).isEqualTo("价格 (联合利华)");
        assertThat(search("华为", null, null, 0, 3).hits().get(0).churned()).isFalse();
    }

    @Test
    void leavesMergedCustomersOutOfHitsAndCounts() {
        CustomerSearchResult all = search("", null, null, 0, 100);

        assertThat(all.total()).isEqualTo(23);
        assertThat(all.hits()).extracting(CustomerSearchResult.Hit::customerId).doesNotContain("c17");
        assertThat(facet(all, "tier")).containsEntry("NONE", 4L);
    }

    @Test
    void pagesThroughAllHitsWithoutRepeats() {
        Set<String> seen = new HashSet<>();
        for (int page = 0; page < 5; page++) {
            CustomerSearchResult result = search("", null, null, page, 5);
            assertThat(result.total()).isEqualTo(23);
            assertThat(result.page()).isEqualTo(page);
            result.hits().forEach(hit -> assertThat(seen.add(hit.customerId())).as(hit.customerId()).isTrue());
            assertThat(result.hits()).hasSize(page < 4 ? 5 : 3);
        }
        assertThat(seen).hasSize(23);
    }

    @Test
    void switchesTheAliasToANewIndexAtomically() throws IOException {
        ElasticsearchClient client = SharedElasticsearch.client();
        VersionedIndex swap = new VersionedIndex(client, "swap_customers", 1, "customers");
        try {
            swap.ensureExists();
            new CustomerSearchWriter(client, "swap_customers").write(List.of(
                    new CustomerSearchDocument("old").kind("COMPANY").name("旧索引公司").lastSequence(0)), true);
            swap.create(2, "/elasticsearch/customers_v1.json");
            new CustomerSearchWriter(client, swap.indexName(2)).write(List.of(
                    new CustomerSearchDocument("new").kind("COMPANY").name("新索引公司").lastSequence(0)), true);
            CustomerSearch swapSearch = new CustomerSearch(client, "swap_customers");
            assertThat(ids(swapSearch.search(CustomerSearchCriteria.text("")))).containsExactly("old");

            swap.switchAliasTo(2);

            assertThat(swap.aliasedIndices()).containsExactly("swap_customers_v2");
            assertThat(ids(swapSearch.search(CustomerSearchCriteria.text("")))).containsExactly("new");
        } finally {
            client.indices().delete(request -> request.index("swap_customers_v1", "swap_customers_v2").ignoreUnavailable(true));
        }
    }

    private static List<String> ids(CustomerSearchResult result) {
        return result.hits().stream().map(CustomerSearchResult.Hit::customerId).toList();
    }
}
