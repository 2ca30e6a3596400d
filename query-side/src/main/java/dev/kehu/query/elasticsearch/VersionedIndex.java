package dev.kehu.query.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;

/**
 * An Elasticsearch index whose mapping lives in code and is versioned: version n is the concrete
 * index {@code <alias>_v<n>} created from {@code /elasticsearch/<mapping>_v<n>.json}; the
 * application reads and writes only through the alias. A new version is built beside the old one
 * ({@link #create(int)}) and then switched to atomically ({@link #switchAliasTo(int)}: one
 * {@code _aliases} request removes the old index and adds the new one).
 */
public class VersionedIndex {

    private final ElasticsearchClient client;
    private final String alias;
    private final int currentVersion;
    private final String mapping;

    public VersionedIndex(ElasticsearchClient client, String alias, int currentVersion) {
        this(client, alias, currentVersion, alias);
    }

    /**
     * An index under another alias with the mapping of {@code mapping} (tests and benchmarks use
     * their own aliases with the application's mappings).
     */
    public VersionedIndex(ElasticsearchClient client, String alias, int currentVersion, String mapping) {
        this.client = client;
        this.alias = alias;
        this.currentVersion = currentVersion;
        this.mapping = mapping;
    }

    /** The name applications read and write through. */
    public String alias() {
        return alias;
    }

    /** The mapping version this code writes. */
    public int currentVersion() {
        return currentVersion;
    }

    public String indexName(int version) {
        return alias + "_v" + version;
    }

    /**
     * Creates the current version and points the alias at it, unless the alias already exists
     * (then it is left alone: moving it is {@link #switchAliasTo(int)}'s job).
     */
    public void ensureExists() throws IOException {
        if (client.indices().existsAlias(request -> request.name(alias)).value()) {
            return;
        }
        create(currentVersion);
        client.indices().updateAliases(request -> request.actions(action -> action
                .add(add -> add.index(indexName(currentVersion)).alias(alias).isWriteIndex(true))));
    }

    /** The mapping resource of a version. */
    public String mappingResource(int version) {
        return "/elasticsearch/" + mapping + "_v" + version + ".json";
    }

    /** Creates the concrete index of a version from its mapping file, if it does not exist yet. */
    public void create(int version) throws IOException {
        create(version, mappingResource(version));
    }

    /** Creates the concrete index of a version from the given mapping resource, if it does not exist yet. */
    public void create(int version, String resource) throws IOException {
        createIndex(indexName(version), resource);
    }

    /** Creates the concrete index {@code index} from the given mapping resource, if it does not exist yet. */
    public void createIndex(String index, String resource) throws IOException {
        if (client.indices().exists(request -> request.index(index)).value()) {
            return;
        }
        try (InputStream mapping = VersionedIndex.class.getResourceAsStream(resource)) {
            if (mapping == null) {
                throw new IllegalArgumentException("No mapping " + resource + " on the classpath");
            }
            client.indices().create(request -> request.index(index).withJson(mapping));
        }
    }

    /** The concrete indices the alias points at now. */
    public Set<String> aliasedIndices() throws IOException {
        if (!client.indices().existsAlias(request -> request.name(alias)).value()) {
            return Set.of();
        }
        GetAliasResponse response = client.indices().getAlias(request -> request.name(alias));
        return response.result().keySet();
    }

    /** Atomically points the alias at the given version only, away from every other index. */
    public void switchAliasTo(int version) throws IOException {
        switchAliasToIndex(indexName(version));
    }

    /** Atomically points the alias at the concrete index {@code target} only, away from every other index. */
    public void switchAliasToIndex(String target) throws IOException {
        Set<String> previous = aliasedIndices();
        client.indices().updateAliases(request -> {
            for (String index : previous) {
                if (!index.equals(target)) {
                    request.actions(action -> action.remove(remove -> remove.index(index).alias(alias)));
                }
            }
            return request.actions(action -> action
                    .add(add -> add.index(target).alias(alias).isWriteIndex(true)));
        });
    }

    /** Makes everything written so far searchable now (tests and benchmarks; the index refreshes every second anyway). */
    public void refresh() {
        try {
            client.indices().refresh(request -> request.index(alias));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
