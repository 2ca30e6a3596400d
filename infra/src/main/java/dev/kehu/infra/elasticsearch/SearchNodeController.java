package dev.kehu.infra.elasticsearch;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.kehu.query.elasticsearch.SearchGuard;

/**
 * {@code GET /api/system/search-node}: where search stands, for operators and fault drills. Always 200
 * with plain JSON (whatever Elasticsearch does):
 * {@code {embedded, url, state, pid, serverPid, restarts, runningSince, lastExit, lastError, nextAttemptAt,
 * searchCircuit, searchesRunning}}; the node fields only for the embedded node. Asks Elasticsearch nothing.
 */
@RestController
public class SearchNodeController {

    private final ElasticsearchAddress address;
    private final ObjectProvider<LocalElasticsearchNode> embedded;
    private final ObjectProvider<SearchGuard> guard;

    public SearchNodeController(ElasticsearchAddress address, ObjectProvider<LocalElasticsearchNode> embedded,
                                ObjectProvider<SearchGuard> guard) {
        this.address = address;
        this.embedded = embedded;
        this.guard = guard;
    }

    @GetMapping("/api/system/search-node")
    public Map<String, Object> searchNode() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("embedded", address.embedded());
        answer.put("url", ElasticsearchUrl.parse(address.url()).base()); // never the credentials
        LocalElasticsearchNode node = embedded.getIfAvailable();
        if (node != null) {
            answer.putAll(node.describe());
        }
        SearchGuard searchGuard = guard.getIfAvailable();
        if (searchGuard != null) {
            answer.put("searchCircuit", searchGuard.circuitState().toLowerCase());
            answer.put("searchesRunning", searchGuard.running());
        }
        return answer;
    }
}
