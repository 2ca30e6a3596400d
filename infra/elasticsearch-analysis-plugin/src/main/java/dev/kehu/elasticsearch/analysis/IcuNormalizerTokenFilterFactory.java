package dev.kehu.elasticsearch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;

import com.ibm.icu.text.Normalizer2;

/** ICU normalization; settings {@code name} (nfc, nfkc, nfkc_cf — default) and {@code mode} (compose — default, decompose). */
final class IcuNormalizerTokenFilterFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {

    private final Normalizer2 normalizer;

    IcuNormalizerTokenFilterFactory(String name, Settings settings) {
        super(name, settings);
        String form = settings.get("name", "nfkc_cf");
        String mode = settings.get("mode", "compose");
        if (!mode.equals("compose") && !mode.equals("decompose")) {
            throw new IllegalArgumentException("mode must be compose or decompose, not " + mode);
        }
        this.normalizer = Normalizer2.getInstance(null, form,
                mode.equals("compose") ? Normalizer2.Mode.COMPOSE : Normalizer2.Mode.DECOMPOSE);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ICUNormalizer2Filter(tokenStream, normalizer);
    }
}
