package dev.kehu.infra.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.analysis.TokenFilter;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.indices.analyze.AnalyzeToken;
import dev.kehu.infra.embedded.ElasticsearchNode;

/** The launcher, through the test JVM's shared node: a healthy node on loopback with our analysis plugin. */
@ExtendWith(SharedElasticsearch.class)
class SharedElasticsearchNodeTest {

    private static final String INDEX = "launcher-test-" + UUID.randomUUID();
    private final ElasticsearchClient client = SharedElasticsearch.client();

    @BeforeAll
    static void createIndex() throws IOException {
        SharedElasticsearch.client().indices().create(create -> create
                .index(INDEX)
                .mappings(mappings -> mappings.properties("name", property -> property.text(text -> text.analyzer("kehu_chinese")))));
    }

    @AfterAll
    static void deleteIndex() throws IOException {
        SharedElasticsearch.client().indices().delete(delete -> delete.index(INDEX));
    }

    @Test
    void runsAHealthyNodeOnLoopbackWithItsPidFile() throws IOException {
        ElasticsearchNode node = SharedElasticsearch.node();

        assertThat(node.url()).startsWith("http://127.0.0.1:");
        assertThat(node.isRunning()).isTrue();
        assertThat(client.cluster().health().status()).isIn(HealthStatus.Green, HealthStatus.Yellow);
        assertThat(new ElasticsearchHealth(node.url(), java.time.Duration.ofSeconds(2)).isAvailable()).isTrue();

        var pidFile = new java.util.Properties();
        pidFile.load(new StringReader(Files.readString(node.nodeDir().resolve(ElasticsearchNode.PID_FILE))));
        assertThat(pidFile).containsEntry("node", node.pid().orElseThrow().toString())
                .containsEntry("owner", Long.toString(ProcessHandle.current().pid()));
        String commandLine = new String(Files.readAllBytes(java.nio.file.Path.of("/proc", pidFile.getProperty("node"), "cmdline")));
        assertThat(commandLine).contains("org.elasticsearch").contains(node.nodeDir().resolve("config").toString());
        assertThat(client.nodes().info().nodes().values()).singleElement()
                .satisfies(info -> assertThat(info.version()).isEqualTo("8.19.21"))
                .satisfies(info -> assertThat(info.plugins()).anySatisfy(plugin -> assertThat(plugin.name()).isEqualTo("kehu-analysis")));
    }

    @Test
    void segmentsChineseIntoWordsWithTheKehuChineseAnalyzer() throws IOException {
        assertThat(analyze("我们在北京签订了销售合同"))
                .containsExactly("我们", "在", "北京", "签订", "了", "销售", "合同");
    }

    @Test
    void keepsLatinWordsWholeAndFoldsCaseAndAccents() throws IOException {
        assertThat(analyze("Zhang San, Müller (ACME-Corp) 13800138000 北京"))
                .containsExactly("zhang", "san", "muller", "acme", "corp", "13800138000", "北京");
    }

    @Test
    void offersTheSmartcnTokenizerAndIcuFiltersForCustomAnalyzers() throws IOException {
        List<String> tokens = client.indices().analyze(analyze -> analyze
                        .tokenizer(tokenizer -> tokenizer.name("kehu_smartcn"))
                        .filter(TokenFilter.of(filter -> filter.name("kehu_icu_normalizer")), TokenFilter.of(filter -> filter.name("kehu_icu_folding")))
                        .text("ＡＢＣ京东商城"))
                .tokens().stream().map(AnalyzeToken::token).toList();

        assertThat(tokens).containsExactly("abc", "京东", "商城");
    }

    @Test
    void aMatchForBeijingFindsBeijingButNotJingdong() throws IOException {
        client.index(index -> index.index(INDEX).id("beijing").document(Map.of("name", "北京华联科技有限公司")));
        client.index(index -> index.index(INDEX).id("jingdong").document(Map.of("name", "京东商城")));
        client.indices().refresh(refresh -> refresh.index(INDEX));

        SearchResponse<Map> hits = client.search(search -> search.index(INDEX)
                .query(query -> query.match(match -> match.field("name").query("北京"))), Map.class);
        SearchResponse<Map> jingdong = client.search(search -> search.index(INDEX)
                .query(query -> query.match(match -> match.field("name").query("京东"))), Map.class);

        assertThat(hits.hits().hits()).extracting(hit -> hit.id()).containsExactly("beijing");
        assertThat(jingdong.hits().hits()).extracting(hit -> hit.id()).containsExactly("jingdong");
    }

    private List<String> analyze(String text) throws IOException {
        return client.indices().analyze(analyze -> analyze.analyzer("kehu_chinese").text(text))
                .tokens().stream().map(AnalyzeToken::token).toList();
    }
}
