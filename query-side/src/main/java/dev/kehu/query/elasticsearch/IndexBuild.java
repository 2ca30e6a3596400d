package dev.kehu.query.elasticsearch;

import java.io.IOException;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.IndexSettings;

/**
 * A projection's index built anew beside the live one, for a rebuild without downtime. {@link #begin} creates a fresh
 * concrete index with the current mapping ({@code <alias>_v<mapping>_r<build>}) with refresh off and no replicas while
 * the rebuild fills it (nobody searches it yet, and Elasticsearch then neither makes segments searchable every second
 * nor copies each write). Searches and the live processor keep using the alias, so the old index, meanwhile.
 * {@link #switchOver} restores the live index's refresh interval and replicas on the new index, refreshes it, points
 * the alias at it alone in one {@code _aliases} request (atomic for every search) and deletes the old indices.
 * {@link #abandon} deletes the new index (a cancelled rebuild).
 */
public final class IndexBuild {

    /** Used when the live index does not name them (it always does with the mappings in resources). */
    static final String DEFAULT_REFRESH = "1s";
    static final String DEFAULT_REPLICAS = "0";

    private final ElasticsearchClient client;
    private final VersionedIndex index;
    private final String name;

    IndexBuild(ElasticsearchClient client, VersionedIndex index, String name) {
        this.client = client;
        this.index = index;
        this.name = name;
    }

    /** The concrete index of build number {@code build} of {@code index}. */
    public static String indexName(VersionedIndex index, int build) {
        return index.indexName(index.currentVersion()) + "_r" + build;
    }

    /** Creates the new index (anything left by an earlier attempt of the same build is deleted first). */
    public static IndexBuild begin(ElasticsearchClient client, VersionedIndex index, int build) throws IOException {
        return open(client, index, build, true);
    }

    /**
     * The new index of {@code build}: with {@code fresh}, created anew (anything left by an earlier attempt deleted
     * first); without, kept as an earlier attempt left it (a rebuild resuming from its stored position), or created.
     */
    public static IndexBuild open(ElasticsearchClient client, VersionedIndex index, int build, boolean fresh) throws IOException {
        String name = indexName(index, build);
        if (index.aliasedIndices().contains(name)) {
            throw new IllegalStateException("index " + name + " is the live index of " + index.alias());
        }
        if (fresh) {
            client.indices().delete(request -> request.index(name).ignoreUnavailable(true));
        }
        index.createIndex(name, index.mappingResource(index.currentVersion()));
        client.indices().putSettings(request -> request.index(name)
                .settings(settings -> settings.refreshInterval(time -> time.time("-1")).numberOfReplicas("0")));
        return new IndexBuild(client, index, name);
    }

    /** The concrete index the rebuild writes to (a projection writer bound to this name instead of the alias). */
    public String name() {
        return name;
    }

    /** Makes the new index live: settings of the live index restored, refreshed, alias switched, old indices deleted. */
    public void switchOver() throws IOException {
        for (String old : switchAlias()) {
            client.indices().delete(request -> request.index(old).ignoreUnavailable(true));
        }
    }

    /**
     * Makes the new index live (settings of the live index restored, refreshed, alias switched) and answers the indices
     * the alias left, which are kept (a rebuild drops them after its grace period).
     */
    public Set<String> switchAlias() throws IOException {
        Set<String> previous = index.aliasedIndices();
        String refresh = DEFAULT_REFRESH;
        String replicas = DEFAULT_REPLICAS;
        for (String old : previous) {
            IndexSettings live = client.indices().getSettings(request -> request.index(old)).get(old).settings();
            IndexSettings settings = live == null || live.index() == null ? live : live.index();
            if (settings != null && settings.refreshInterval() != null && settings.refreshInterval().time() != null) {
                refresh = settings.refreshInterval().time();
            }
            if (settings != null && settings.numberOfReplicas() != null) {
                replicas = settings.numberOfReplicas();
            }
        }
        String refreshInterval = refresh;
        String numberOfReplicas = replicas;
        client.indices().putSettings(request -> request.index(name)
                .settings(settings -> settings.refreshInterval(time -> time.time(refreshInterval)).numberOfReplicas(numberOfReplicas)));
        client.indices().refresh(request -> request.index(name));
        index.switchAliasToIndex(name);
        Set<String> left = new java.util.TreeSet<>(previous);
        left.remove(name);
        return left;
    }

    /** Deletes the new index; the live one is not touched. */
    public void abandon() throws IOException {
        client.indices().delete(request -> request.index(name).ignoreUnavailable(true));
    }
}
