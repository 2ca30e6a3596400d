package dev.kehu.elasticsearch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

/** The analyzer on its own, through Lucene (the node-level checks are in infra's SharedElasticsearchNodeTest). */
class KehuChineseAnalyzerTest {

    private final KehuChineseAnalyzer analyzer = new KehuChineseAnalyzer();

    @Test
    void segmentsASentenceIntoWords() throws IOException {
        assertThat(tokens("我们在北京签订了销售合同")).containsExactly("我们", "在", "北京", "签订", "了", "销售", "合同");
    }

    @Test
    void keepsBeijingAndJingdongApart() throws IOException {
        assertThat(tokens("北京华联")).contains("北京").doesNotContain("京东", "京");
        assertThat(tokens("京东商城")).contains("京东").doesNotContain("北京");
    }

    @Test
    void foldsLatinWordsWithoutSplittingThem() throws IOException {
        assertThat(tokens("Müller ＡＣＭＥ-Corp zhangsan@acme.com"))
                .containsExactly("muller", "acme", "corp", "zhangsan", "acme", "com");
    }

    @Test
    void reportsOffsetsInTheOriginalText() throws IOException {
        String text = "Müller在北京";
        List<String> spans = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("name", text)) {
            OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                spans.add(text.substring(offsets.startOffset(), offsets.endOffset()));
            }
            stream.end();
        }
        assertThat(spans).containsExactly("Müller", "在", "北京");
    }

    @Test
    void normalizesQueryTermsLikeIndexedOnes() {
        assertThat(analyzer.normalize("name", "MÜLLER").utf8ToString()).isEqualTo("muller");
    }

    private List<String> tokens(String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("name", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }
}
