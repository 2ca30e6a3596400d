package dev.kehu.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;

import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import jakarta.json.stream.JsonGenerator;
import org.junit.jupiter.api.Test;

/** The shape of the request; what it finds is tested against a real node in infra. */
class CustomerSearchQueryBuilderTest {

    private static String json(CustomerSearchCriteria criteria) {
        return json(CustomerSearchQueryBuilder.build("customers", criteria));
    }

    private static String jsonWithTypos(CustomerSearchCriteria criteria) {
        return json(CustomerSearchQueryBuilder.buildWithTypos("customers", criteria));
    }

    private static String json(SearchRequest request) {
        JsonpMapper mapper = new JacksonJsonpMapper();
        StringWriter writer = new StringWriter();
        try (JsonGenerator generator = mapper.jsonProvider().createGenerator(writer)) {
            request.serialize(generator, mapper);
        }
        return writer.toString();
    }

    @Test
    void sendsChineseTextOnlyToTheChineseWordFields() {
        String json = json(CustomerSearchCriteria.text("北京"));

        assertThat(json).contains("{\"match\":{\"name\":{\"operator\":\"and\",\"query\":\"北京\"}}}",
                "{\"match\":{\"contacts.name\":{\"operator\":\"and\",\"query\":\"北京\"}}}");
        assertThat(json).doesNotContain("\"match\":{\"name.latin\"", "\"term\":{\"pinyin\"", "fuzziness");
    }

    @Test
    void looksForTyposOnlyInTheSecondRequest() {
        String first = json(CustomerSearchCriteria.text("Jonh Smiht"));

        assertThat(first).doesNotContain("fuzziness").contains("\"match\":{\"contacts.name.latin\"");
        assertThat(jsonWithTypos(CustomerSearchCriteria.text("Jonh Smiht"))).contains("\"fuzziness\":\"AUTO\"");
        assertThat(CustomerSearchQueryBuilder.mayHaveTypos("Jonh Smiht")).isTrue();
        assertThat(CustomerSearchQueryBuilder.mayHaveTypos("京东 zhangsan")).isTrue();
        assertThat(CustomerSearchQueryBuilder.mayHaveTypos("张三")).isFalse();
        assertThat(CustomerSearchQueryBuilder.mayHaveTypos("138-0013-8000")).isFalse();
        assertThat(CustomerSearchQueryBuilder.mayHaveTypos("zhangsan@jd")).isFalse(); // an e-mail prefix has no fuzzy clause
        assertThat(jsonWithTypos(CustomerSearchCriteria.text("zhangsan@jd"))).doesNotContain("fuzziness");
    }

    @Test
    void triesLatinWordsFuzzilyAndAsPinyin() {
        String json = jsonWithTypos(CustomerSearchCriteria.text("zhang san"));

        assertThat(json).contains("\"fuzziness\":\"AUTO\"", "\"contacts.pinyin\":{\"value\":\"zhangsan\"}",
                "\"contacts.pinyinInitials\":{\"value\":\"zhangsan\"}");
    }

    @Test
    void looksUpEveryPhoneFormatAsTheNormalizedNumber() {
        assertThat(json(CustomerSearchCriteria.text("+86 138 0013 8000"))).contains("\"contacts.phones\":{\"value\":\"13800138000\"}");
        assertThat(json(CustomerSearchCriteria.text("138-0013-8000"))).contains("\"contacts.phones\":{\"value\":\"13800138000\"}");
    }

    @Test
    void requiresNameAndLastFourDigitsOnTheSameContact() {
        String json = json(CustomerSearchCriteria.text("张三 8000"));

        assertThat(json).contains("\"contacts.phoneLastFour\":{\"value\":\"8000\"}");
        assertThat(json).contains("\"boost\":150.0");
    }

    @Test
    void neverReturnsMergedCustomersAndFiltersAfterScoringForFacets() {
        String json = json(new CustomerSearchCriteria("acme", "华北", "GOLD", null, null, null, 2, 20));

        assertThat(json).contains("\"must_not\":[{\"term\":{\"merged\":{\"value\":\"true\"}}}]");
        assertThat(json).contains("\"post_filter\"", "\"from\":40", "\"size\":20");
        assertThat(json).contains("\"region\":{\"aggregations\":{\"values\":{\"terms\":{\"field\":\"region\"", "\"filter\":{\"bool\":{\"filter\":[{\"term\":{\"tier\":{\"value\":\"GOLD\"}}}]}}");
    }
}
