package dev.kehu.infra.elasticsearch;

import java.util.Map;

/**
 * An Elasticsearch node the application runs itself (the embedded default). The client configuration and
 * the status endpoint know a node only through this, so this package does not depend on how the node is
 * started and supervised ({@code dev.kehu.infra.embedded} depends on this package, not the other way round).
 */
public interface LocalElasticsearchNode {

    /** The node's HTTP address, e.g. {@code http://127.0.0.1:41234}. */
    String url();

    /** The node's state for {@code GET /api/system/search-node}: state, pids, restarts, last exit, … */
    Map<String, Object> describe();
}
