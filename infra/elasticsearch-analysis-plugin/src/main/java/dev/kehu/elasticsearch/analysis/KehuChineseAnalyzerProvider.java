package dev.kehu.elasticsearch.analysis;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;

final class KehuChineseAnalyzerProvider extends AbstractIndexAnalyzerProvider<KehuChineseAnalyzer> {

    private final KehuChineseAnalyzer analyzer = new KehuChineseAnalyzer();

    KehuChineseAnalyzerProvider(String name, Settings settings) {
        super(name, settings);
    }

    @Override
    public KehuChineseAnalyzer get() {
        return analyzer;
    }
}
