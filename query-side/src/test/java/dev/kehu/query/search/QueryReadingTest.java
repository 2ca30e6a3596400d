package dev.kehu.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How typed text is read before it becomes clauses: full-width, tone marks, traditional, titles, short names. */
class QueryReadingTest {

    @Test
    void readsFullWidthInputAndToneMarks() {
        assertThat(QueryText.normalize("１３８　００１３")).isEqualTo("138 0013");
        assertThat(QueryText.normalize("Ａｃｍｅ")).isEqualTo("Acme");
        assertThat(QueryText.normalize("zhāng  sān")).isEqualTo("zhang san");
        assertThat(QueryText.normalize("lǚ xiǎojūn")).isEqualTo("lv xiaojun");
        assertThat(QueryText.normalize("张三")).isEqualTo("张三");
    }

    @Test
    void convertsTraditionalCharactersToSimplified() {
        assertThat(QueryText.simplified("陳小紅")).isEqualTo("陈小红");
        assertThat(QueryText.simplified("長江實業")).isEqualTo("长江实业");
        assertThat(QueryText.simplified("Acme")).isEqualTo("Acme");
    }

    @Test
    void readsASurnameWithATitle() {
        assertThat(PersonTitles.of("王总")).hasValueSatisfying(t -> {
            assertThat(t.surname()).isEqualTo("王");
            assertThat(t.titleWords()).contains("总经理", "总监", "ceo");
        });
        assertThat(PersonTitles.of("张总经理")).hasValueSatisfying(t -> assertThat(t.titleWords()).containsExactly("总经理", "gm", "ceo"));
        assertThat(PersonTitles.of("欧阳经理")).hasValueSatisfying(t -> assertThat(t.surname()).isEqualTo("欧阳"));
        assertThat(PersonTitles.of("张先生")).hasValueSatisfying(t -> assertThat(t.titleWords()).isEmpty());
        assertThat(PersonTitles.of("张三")).isEmpty();
        assertThat(PersonTitles.of("总")).isEmpty();
        assertThat(PersonTitles.of("京东经理")).isEmpty();
    }

    @Test
    void findsTheShortNamesOfACompany() {
        assertThat(CompanyNames.shortNames("北京京东世纪贸易有限公司")).containsExactly("京东世纪贸易", "京东世纪");
        assertThat(CompanyNames.shortNames("深圳市腾讯计算机系统有限公司")).containsExactly("腾讯计算机系统", "腾讯");
        assertThat(CompanyNames.shortNames("阿里巴巴(中国)有限公司")).containsExactly("阿里巴巴");
        assertThat(CompanyNames.shortNames("华为技术有限公司")).containsExactly("华为技术", "华为");
        assertThat(CompanyNames.shortNames("中国工商银行股份有限公司")).containsExactly("工商银行");
        assertThat(CompanyNames.shortNames("京东")).isEqualTo(List.of());
        assertThat(CompanyNames.shortNames(null)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void indexesThePinyinAndInitialsOfShortNames() {
        CustomerSearchDocument jd = new CustomerSearchDocument("c1").kind("COMPANY").name("北京京东世纪贸易有限公司");
        assertThat((List<Object>) jd.toSource().get("pinyinInitials")).contains("bjjdsjmyyxgs", "jdsj");
        assertThat((List<Object>) jd.toSource().get("pinyin")).contains("jingdongshiji");
        CustomerSearchDocument person = new CustomerSearchDocument("c2").kind("INDIVIDUAL").name("北京京东");
        assertThat((List<Object>) person.toSource().get("pinyinInitials")).doesNotContain("jd");
    }
}
