package dev.kehu.elasticsearch.analysis;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Chinese analysis for Kehu's search index, built on Lucene's smartcn and ICU analysis modules (the
 * Elasticsearch distribution we run has no Chinese analysis of its own).
 *
 * <ul>
 *   <li>tokenizer {@value #TOKENIZER}: smartcn's hidden-Markov-model word segmentation
 *       (我们在北京签订了销售合同 → 我们 / 在 / 北京 / 签订 / 了 / 销售 / 合同); Latin words and numbers stay whole;</li>
 *   <li>token filter {@value #ICU_NORMALIZER}: ICU Unicode normalization (setting {@code name}: nfc, nfkc or
 *       nfkc_cf, the default; {@code mode}: compose, the default, or decompose);</li>
 *   <li>token filter {@value #ICU_FOLDING}: ICU folding (case, accents, full-width forms);</li>
 *   <li>analyzer {@value #ANALYZER}: the tokenizer, punctuation removed, then ICU folding.</li>
 * </ul>
 */
public final class KehuAnalysisPlugin extends Plugin implements AnalysisPlugin {

    public static final String TOKENIZER = "kehu_smartcn";
    public static final String ICU_NORMALIZER = "kehu_icu_normalizer";
    public static final String ICU_FOLDING = "kehu_icu_folding";
    public static final String ANALYZER = "kehu_chinese";

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(TOKENIZER, (indexSettings, environment, name, settings) ->
                TokenizerFactory.newFactory(name, HMMChineseTokenizer::new));
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
                ICU_NORMALIZER, (indexSettings, environment, name, settings) -> new IcuNormalizerTokenFilterFactory(name, settings),
                ICU_FOLDING, (indexSettings, environment, name, settings) -> new IcuFoldingTokenFilterFactory(name, settings));
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of(ANALYZER, (indexSettings, environment, name, settings) -> new KehuChineseAnalyzerProvider(name, settings));
    }
}
