package dev.kehu.query.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.infra.elasticsearch.ElasticsearchConfiguration;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.query.projection.ProjectionFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One bulk write to the real node: a document the index refuses for its content (a mapping error, an
 * id over 512 bytes, a source that cannot be built) is handed to the rejection callback and the rest of
 * the batch is indexed; Elasticsearch not answering fails the whole write as an infrastructure failure.
 */
@ExtendWith(SharedElasticsearch.class)
class ExternallyVersionedBulkTest {

    private final ElasticsearchClient client = SharedElasticsearch.client();

    @Test
    void aDocumentRefusedForItsContentIsRejectedAndTheRestOfTheBatchIsWritten() throws IOException {
        VersionedIndex index = new VersionedIndex(client, "bulk_poison_opportunities", 1, "opportunities");
        index.ensureExists();
        List<Map<String, Object>> documents = new ArrayList<>();
        documents.add(source("o1", "北京京东世纪贸易有限公司 净水设备", 8_000_000L));
        Map<String, Object> unparsable = source("o2", "Acme water upgrade", 1L);
        unparsable.put("amountMinor", "一百万 not a number");
        documents.add(unparsable);
        documents.add(source("o3-" + "长".repeat(200), "id of 600 bytes", 5L));
        Map<String, Object> unbuildable = source("o4", "😀 emoji title", 1L);
        unbuildable.put("fail", true);
        documents.add(unbuildable);
        documents.add(source("o5", "上海浦东发展银行 网点改造", 12_345L));

        Map<String, String> rejected = new LinkedHashMap<>();
        int accepted = ExternallyVersionedBulk.write(client, index.alias(), documents,
                d -> (String) d.get("opportunityId"), d -> (Long) d.get("lastPosition"),
                d -> {
                    if (d.containsKey("fail")) {
                        throw new ArithmeticException("Overflow");
                    }
                    return d;
                }, true, "Reporting index", rejected::put);

        assertThat(accepted).isEqualTo(2);
        assertThat(rejected).containsOnlyKeys("o2", "o3-" + "长".repeat(200), "o4");
        assertThat(rejected.get("o2")).startsWith("400 document_parsing_exception").contains("amountMinor");
        assertThat(rejected.get("o4")).contains("ArithmeticException");
        assertThat(client.get(g -> g.index(index.alias()).id("o1"), Map.class).found()).isTrue();
        assertThat(client.get(g -> g.index(index.alias()).id("o5"), Map.class).source()).containsEntry("amountMinor", 12_345);
        assertThat(client.get(g -> g.index(index.alias()).id("o2"), Map.class).found()).isFalse();
    }

    @Test
    void elasticsearchNotAnsweringFailsTheWholeWriteAsAnInfrastructureFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ElasticsearchClient down = ElasticsearchConfiguration.client(ElasticsearchConfiguration.restClient("http://127.0.0.1:" + closedPort));
        List<String> rejected = new ArrayList<>();
        assertThatThrownBy(() -> ExternallyVersionedBulk.write(down, "opportunities", List.of(source("o1", "title", 1L)),
                d -> (String) d.get("opportunityId"), d -> 1L, d -> d, false, "Reporting index", (id, cause) -> rejected.add(id)))
                .satisfies(failure -> assertThat(ProjectionFailures.isInfrastructure(failure)).isTrue());
        assertThat(rejected).isEmpty();
    }

    private static Map<String, Object> source(String id, String title, long amountMinor) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("opportunityId", id);
        source.put("title", title);
        source.put("currency", "CNY");
        source.put("amountMinor", amountMinor);
        source.put("lastPosition", 7L);
        return source;
    }
}
