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

/**
 * Queries the way salespeople in China type them, each with the customer that must be among the first
 * three hits ({@link SalespersonFixtures}): company words and full names, people, a surname with a title,
 * titles alone, company with person (Chinese, pinyin, Latin, mixed), traditional and simplified characters,
 * full-width input, abbreviations and initials of short names, pinyin with tone marks, Latin names in
 * syllables, typos, prefixes, phones in every format (Hong Kong, Taiwan, extensions), e-mails.
 */
@ExtendWith(SharedElasticsearch.class)
class SalespersonQueriesRelevanceTest {

    @RegisterExtension
    static final SearchFixtures.IndexedCustomers INDEXED = new SearchFixtures.IndexedCustomers("salesperson_customers",
            SalespersonFixtures::customers);

    /** kind | query | expected customer. */
    private static final String QUERIES = """
            company word | 京东 | s01
            company word | 京东 | s18
            company word | 腾讯 | s03
            company word | 华为 | s04
            company word | 阿里巴巴 | s05
            company word | 工商银行 | s06
            company word | 浦东发展银行 | s02
            company word | 字节跳动 | s22
            company word | 小米 | s20
            company word | 宝洁 | s21
            company word | 海尔 | s28
            company word | 天府软件园 | s15
            company word | 招商银行 | s26
            company word | 平安保险 | s30
            company word | 石油化工 | s07
            company word | 北京 | s01
            company word | 京东物流 | s18
            company full name | 北京京东世纪贸易有限公司 | s01
            company full name | 华为技术有限公司 | s04
            company full name | 深圳市腾讯计算机系统有限公司 | s03
            company full name | 中国工商银行股份有限公司 | s06
            company full name | 長江實業(集團)有限公司 | s08
            company full name | 长江实业(集团)有限公司 | s08
            company full name | 海尔集团公司 | s28
            person | 张三 | s01
            person | 欧阳娜娜 | s02
            person | 马明 | s03
            person | 刘洋 | s04
            person | 陈静 | s05
            person | 赵强 | s06
            person | 孙丽 | s07
            person | 林志明 | s09
            person | 张伟 | s15
            person | 单伟 | s23
            person | 曾志伟 | s24
            person | 吕小军 | s14
            person | 刘建国 | s13
            person | 雷军 | s20
            person | 张一鸣 | s22
            person | 王兴 | s29
            person | 马明哲 | s30
            person | 周云杰 | s28
            person | 田惠 | s26
            person | 李白 | s27
            person | 任正 | s04
            surname and title | 张总监 | s01
            surname and title | 李经理 | s01
            surname and title | 王总 | s02
            surname and title | 欧阳经理 | s02
            surname and title | 马总 | s03
            surname and title | 马总监 | s03
            surname and title | 刘经理 | s04
            surname and title | 任董 | s04
            surname and title | 赵行长 | s06
            surname and title | 孙主任 | s07
            surname and title | 林总 | s09
            surname and title | 刘工 | s13
            surname and title | 张总 | s15
            surname and title | 雷董 | s20
            surname and title | 梁总 | s22
            surname and title | 王总 | s29
            surname and title | 田经理 | s26
            surname and title | 周总 | s28
            surname and title | 马董 | s30
            title | 采购总监 | s01
            title | 商务总监 | s03
            title | 董事长 | s20
            title | 行长 | s06
            title | 高级工程师 | s13
            title | CFO | s11
            title | Purchasing Manager | s11
            title | VP Sales | s12
            title | 客户经理 | s26
            title | 采购专员 | s05
            title | 首席技术官 | s05
            title | 运营经理 | s18
            company and person | 京东 张三 | s01
            company and person | 京东张三 | s01
            company and person | 腾讯 马明 | s03
            company and person | 腾讯马明 | s03
            company and person | 华为 刘洋 | s04
            company and person | 华为刘经理 | s04
            company and person | 京东 李经理 | s01
            company and person | 腾讯 马总 | s03
            company and person | 浦东 王总 | s02
            company and person | 阿里巴巴 陈静 | s05
            company and person | jd zhangsan | s01
            company and person | jingdong zhangsan | s01
            company and person | 京东 zhangsan | s01
            company and person | jingdong 张三 | s01
            company and person | Acme John | s11
            company and person | Acme Smith | s11
            company and person | Tencent 马明 | s03
            company and person | huawei liuyang | s04
            company and person | 腾讯 maming | s03
            company and person | 字节跳动 张一鸣 | s22
            company and person | 小米 雷军 | s20
            company and person | Global Maria | s12
            company and person | 招商银行 田惠 | s26
            company and person | 海尔 周总 | s28
            traditional and simplified | 陈大文 | s08
            traditional and simplified | 陳大文 | s08
            traditional and simplified | 黃美玲 | s09
            traditional and simplified | 黄美玲 | s09
            traditional and simplified | 陳小紅 | s10
            traditional and simplified | 陈小红 | s10
            traditional and simplified | 長江實業 | s08
            traditional and simplified | 长江实业 | s08
            traditional and simplified | 台灣積體電路 | s09
            traditional and simplified | 台湾积体电路 | s09
            traditional and simplified | 華為 | s04
            traditional and simplified | 騰訊 馬明 | s03
            full-width | １３８００１３８０００ | s01
            full-width | １３８－００１３－８０００ | s01
            full-width | ０１０－１２３４５６７８ | s23
            full-width | 张三　８０００ | s01
            full-width | １３９８８８８７７７７ | s04
            full-width | ＋８６　１３８　００１３　８０００ | s01
            full-width | ｊｉｎｇｄｏｎｇ | s01
            full-width | Ａｃｍｅ | s11
            abbreviation | 浦发 | s02
            abbreviation | 工行 | s06
            abbreviation | 中石化 | s07
            abbreviation | 招行 | s26
            abbreviation | 张江高科 | s17
            abbreviation | 平安 | s30
            initials of a short name | jd | s18
            initials of a short name | jd | s01
            initials of a short name | hw | s04
            initials of a short name | tx | s03
            initials of a short name | albb | s05
            initials of a short name | zsyh | s26
            initials of a short name | gsyh | s06
            initials of a short name | xm | s20
            initials of a short name | zjgk | s17
            initials of a short name | haier | s28
            initials of a short name | zhaoshang | s26
            tone marks | zhāng sān | s01
            tone marks | Lǐ Bái | s27
            tone marks | mǎ míng | s03
            tone marks | lǚ xiǎojūn | s14
            tone marks | Huáwéi | s04
            tone marks | ōuyáng nànà | s02
            tone marks | zēng zhìwěi | s24
            tone marks | Léi Jūn | s20
            syllables | Ten Cent | s03
            syllables | Hua Wei | s04
            syllables | Ali Baba | s05
            syllables | Xiao Mi | s20
            syllables | Byte Dance | s22
            syllables | Hai Er | s28
            syllables | Ping An | s30
            syllables | Sino Pec | s07
            syllables | Mei Tuan | s29
            pinyin | zhangsan | s01
            pinyin | zs | s01
            pinyin | oynn | s02
            pinyin | maming | s03
            pinyin | liuyang | s04
            pinyin | chenjing | s05
            pinyin | shanwei | s23
            pinyin | zengzhiwei | s24
            pinyin | lvxiaojun | s14
            pinyin | leijun | s20
            pinyin | zhangyiming | s22
            pinyin | zym | s22
            pinyin | chendawen | s08
            pinyin | linzhiming | s09
            typo | Jonh Smiht | s11
            typo | Maria Garica | s12
            typo | Muller | s25
            typo | Tencnet | s03
            prefix | Acm | s11
            prefix | Glob | s12
            prefix | Tencen | s03
            prefix | Huawe | s04
            prefix | Sinope | s07
            prefix | 138001 | s01
            phone | 138-0013-8000 | s01
            phone | +86 138 0013 8000 | s01
            phone | 8613800138000 | s01
            phone | 0086 138 0013 8000 | s01
            phone | 0755-8601-3388 | s03
            phone | +86 755 8601 3388 | s03
            phone | 86013388 | s03
            phone | 0535-6688123 | s13
            phone | +86 535 6688 123 | s13
            phone | (852) 2345 6789 | s08
            phone | +852 2345 6789 | s08
            phone | 2345 6789 | s08
            phone | 852-2345-6789 | s08
            phone | +852 9123 4567 | s10
            phone | 91234567 | s10
            phone | +886 3 563 6688 | s09
            phone | 03-563-6688 | s09
            phone | 0912-345-678 | s09
            phone | +886 912 345 678 | s09
            phone | +86 21 6888 1234 | s02
            phone | 021-6888-1234 转 801 | s02
            phone | 021 6888 1234 ext. 801 | s02
            phone | 021-6888-1234 x801 | s02
            phone | 021-6888-1234#801 | s02
            phone | 0755-2878-0808-801 | s04
            phone | 0755-28780808 | s04
            phone | +1 415 555 0100 | s11
            phone | +1 (415) 555-0100 x22 | s11
            phone | 0755-8319-8888 | s26
            phone | 010-12345678 | s23
            phone | 12345678 | s23
            phone | +86 10 5996 0114 | s07
            phone | 8613700001111 | s14
            phone | +34 612 345 678 | s12
            last four | 8000 | s01
            last four | 张三 8000 | s01
            last four | 马明 3388 | s03
            last four | zhangsan 8000 | s01
            e-mail | zhangsan@jd.com | s01
            e-mail | zhangsan@jd | s01
            e-mail | maming@tencent | s03
            e-mail | john.smith | s11
            e-mail | maria.garcia@globaltech.io | s12
            e-mail | shanwei@163.com | s23
            e-mail | ZhangSan@JD.com | s01
            mixed | 京东 JD | s18
            mixed | 华为 Huawei | s04
            mixed | Tencent 腾讯 | s03
            mixed | 招商 Merchants | s26
            """;

    static Stream<Arguments> queries() {
        return QUERIES.lines().filter(line -> !line.isBlank()).map(line -> {
            String[] parts = line.split("\\|");
            return Arguments.of(parts[0].strip(), parts[1].strip(), parts[2].strip());
        });
    }

    @Test
    void holdsAtLeast150Queries() {
        assertThat(queries().count()).isGreaterThanOrEqualTo(150);
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @MethodSource("queries")
    void findsTheExpectedCustomerAmongTheFirstThree(String kind, String query, String expected) {
        assertThat(topIds(query, 3)).as("top three for '%s' (%s)", query, kind).contains(expected);
    }

    @Test
    void findsBeijingButNotCustomersThatOnlyShareCharacters() {
        assertThat(topIds("北京", 50)).contains("s01", "s22", "s29").doesNotContain("s18", "s19");
        assertThat(topIds("京东", 50)).contains("s01", "s18").doesNotContain("s19");
        assertThat(topIds("南京", 50)).contains("s19").doesNotContain("s01", "s18");
    }

    @Test
    void triesAbbreviationsOnlyWhenNothingElseWasFound() {
        assertThat(topIds("浦发", 50)).containsExactly("s02");
        assertThat(topIds("北京", 50)).doesNotContain("s02", "s06", "s17");
    }

    @Test
    void findsANumberWithAndWithoutItsExtension() {
        assertThat(topIds("021-6888-1234", 3)).contains("s02");
        assertThat(topIds("021-6888-1234 转 801", 3)).contains("s02");
        assertThat(topIds("0755-8319-8888", 3)).contains("s26");
        assertThat(topIds("0755-8319-8888 #801", 3)).contains("s26");
    }

    private static List<String> topIds(String query, int size) {
        CustomerSearchResult result = INDEXED.search().search(new CustomerSearchCriteria(query, null, null, null, null, null, 0, size));
        return result.hits().stream().map(CustomerSearchResult.Hit::customerId).toList();
    }
}
