package dev.kehu.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a salesperson types, and the customer that must be among the first three hits. */
@ExtendWith(SharedElasticsearch.class)
class CustomerSearchRelevanceTest {

    @RegisterExtension
    static final SearchFixtures.IndexedCustomers INDEXED = new SearchFixtures.IndexedCustomers("relevance_customers");

    static Stream<Arguments> queries() {
        return Stream.of(
                // Chinese company names, whole and in part
                Arguments.of("北京京东世纪贸易有限公司", "c01"),
                Arguments.of("北京京东", "c01"),
                Arguments.of("京东", "c01"),
                Arguments.of("京东", "c03"),
                Arguments.of("京东物流", "c03"),
                Arguments.of("上海浦东发展银行", "c02"),
                Arguments.of("浦东发展银行", "c02"),
                Arguments.of("华为", "c10"),
                Arguments.of("腾讯", "c09"),
                Arguments.of("阿里巴巴", "c15"),
                Arguments.of("长安汽车", "c18"),
                Arguments.of("宝洁", "c16"),
                // Chinese person names
                Arguments.of("张三", "c01"),
                Arguments.of("欧阳娜娜", "c02"),
                Arguments.of("单伟", "c07"),
                Arguments.of("张伟", "c22"),
                // pinyin, full, spaced and initials
                Arguments.of("zhangsan", "c01"),
                Arguments.of("zhang san", "c01"),
                Arguments.of("zs", "c01"),
                Arguments.of("ouyangnana", "c02"),
                Arguments.of("oynn", "c02"),
                Arguments.of("shanwei", "c07"),
                Arguments.of("zengzhiwei", "c08"),
                Arguments.of("chongqing", "c18"),
                Arguments.of("maming", "c09"),
                Arguments.of("zhang wei", "c22"),
                Arguments.of("zhang wei", "c21"),
                // typos in Latin names
                Arguments.of("Jonh Smiht", "c05"),
                Arguments.of("Jhon Smith", "c05"),
                Arguments.of("Maria Garica", "c23"),
                Arguments.of("Muller", "c14"),
                // prefixes while typing
                Arguments.of("Acm", "c05"),
                Arguments.of("Acme Corp", "c05"),
                Arguments.of("Smithson", "c11"),
                Arguments.of("138001", "c01"),
                Arguments.of("Tencen", "c09"),
                // phones in any format, last four with a name
                Arguments.of("138-0013-8000", "c01"),
                Arguments.of("13800138000", "c01"),
                Arguments.of("+86 138 0013 8000", "c01"),
                Arguments.of("0086 138 0013 8000", "c01"),
                Arguments.of("010-12345678", "c07"),
                Arguments.of("12345678", "c07"),
                Arguments.of("0571-8502-2088", "c15"),
                Arguments.of("+1 415 555 0100", "c05"),
                Arguments.of("张三 8000", "c01"),
                Arguments.of("8000", "c01"),
                // e-mails, whole and prefix
                Arguments.of("zhangsan@jd.com", "c01"),
                Arguments.of("zhangsan@jd", "c01"),
                Arguments.of("maria.garcia", "c23"),
                Arguments.of("Maria Garcia", "c23"),
                Arguments.of("Garcia", "c23"),
                // Latin names of Chinese companies, mixed Chinese and English
                Arguments.of("Pudong Bank", "c02"),
                Arguments.of("JD Logistics", "c03"),
                Arguments.of("Acme 北京", "c06"),
                Arguments.of("京东 Health", "c25"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("queries")
    void findsTheExpectedCustomerAmongTheFirstThree(String query, String expectedCustomerId) {
        List<String> top = topIds(query, 3);

        assertThat(top).as("top three for '%s'", query).contains(expectedCustomerId);
    }

    @Test
    void ranksAnExactNameAboveAPrefixOfALongerName() {
        assertThat(topIds("张三", 1)).containsExactly("c01");
        assertThat(topIds("Smith", 1)).containsExactly("c05");
    }

    @Test
    void findsBeijingCustomersButNotCustomersThatOnlyShareCharacters() {
        List<String> all = topIds("北京", 50);

        assertThat(all).contains("c01", "c06").doesNotContain("c03", "c04", "c25");
    }

    @Test
    void neverReturnsAMergedCustomer() {
        assertThat(topIds("北京京东世纪贸易有限公司", 50)).doesNotContain("c17");
        assertThat(topIds("13800138000", 50)).doesNotContain("c17");
    }

    private static List<String> topIds(String query, int size) {
        CustomerSearchResult result = INDEXED.search().search(new CustomerSearchCriteria(query, null, null, null, null, null, 0, size));
        return result.hits().stream().map(CustomerSearchResult.Hit::customerId).toList();
    }
}
