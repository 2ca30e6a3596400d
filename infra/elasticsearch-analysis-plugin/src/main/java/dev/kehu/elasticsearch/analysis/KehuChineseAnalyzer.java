package dev.kehu.elasticsearch.analysis;

import java.io.Reader;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;

/**
 * Chinese words from smartcn; Latin words, e-mail parts and numbers whole. The text is ICU-folded
 * (case, accents, full-width forms) before segmentation, because smartcn splits a Latin word at any
 * non-ASCII letter (Müller would become m / u / ller). Punctuation, which smartcn emits as tokens, is
 * dropped. No stop words and no stemming: names must survive.
 */
public final class KehuChineseAnalyzer extends Analyzer {

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new ICUNormalizer2CharFilter(reader, ICUFoldingFilter.NORMALIZER);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new HMMChineseTokenizer();
        TokenStream stream = new StopFilter(tokenizer, SmartChineseAnalyzer.getDefaultStopSet());
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return new ICUNormalizer2CharFilter(reader, ICUFoldingFilter.NORMALIZER);
    }
}
