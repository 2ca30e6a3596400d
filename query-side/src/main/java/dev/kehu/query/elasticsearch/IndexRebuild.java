package dev.kehu.query.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.mongodb.client.MongoDatabase;

/**
 * How the projection rebuilds ({@code POST /api/projections/{group}/rebuild}) rebuild a processing group that writes
 * an Elasticsearch index: rebuild version n fills the concrete index {@code <alias>_v<mapping>_r<n>} beside the live
 * one ({@link IndexBuild}: refresh off, no replicas), through handler objects of the group made for the rebuild
 * ({@link Handlers}), bound to that index and to the new version of the MongoDB collections the group keeps beside it.
 * Queries and the live processor keep using the alias meanwhile. {@link #switchOver} points the alias at the new index
 * (settings restored) and answers the indices it left, which the rebuild drops after its grace period.
 */
public final class IndexRebuild {

    /** The group's handlers writing into {@code target}'s index and collections. */
    @FunctionalInterface
    public interface Handlers {
        List<Object> create(Target target);
    }

    /**
     * What a rebuild's handlers write: the concrete index {@code index}, the collections of {@code database} (named as
     * the new version's), whether both start {@code empty}, and how many documents a writer keeps between chunks.
     */
    public record Target(String index, MongoDatabase database, boolean empty, int maxDocuments) {
        /** {@code writer} keeping what it wrote between chunks ({@link ProjectionIndexWriter#holding}). */
        public <W extends ProjectionIndexWriter<?>> W holding(W writer) {
            writer.holding(empty, maxDocuments);
            return writer;
        }
    }

    private final String group;
    private final ElasticsearchClient client;
    private final VersionedIndex index;
    private final Handlers handlers;

    public IndexRebuild(String group, ElasticsearchClient client, VersionedIndex index, Handlers handlers) {
        this.group = group;
        this.client = client;
        this.index = index;
        this.handlers = handlers;
    }

    public String group() {
        return group;
    }

    public VersionedIndex index() {
        return index;
    }

    /** The concrete index of rebuild version {@code version}. */
    public String indexName(int version) {
        return IndexBuild.indexName(index, version);
    }

    /**
     * Opens the new index of {@code version}: with {@code fresh} created anew, else kept as an earlier attempt left it
     * (a rebuild resuming from its stored position); answers the group's handlers writing into it and into
     * {@code database} (whose collection names lead to the new version's collections), each writer keeping up to
     * {@code maxDocuments} of what it wrote.
     */
    public List<Object> begin(int version, boolean fresh, MongoDatabase database, int maxDocuments) {
        try {
            IndexBuild.open(client, index, version, fresh);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return handlers.create(new Target(indexName(version), database, fresh, maxDocuments));
    }

    /** Points the alias at the new index of {@code version}; answers the indices it left (kept until dropped). */
    public Set<String> switchOver(int version) {
        try {
            return new IndexBuild(client, index, indexName(version)).switchAlias();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the new index of {@code version} (a cancelled rebuild, or leftovers before a fresh one). */
    public void abandon(int version) {
        drop(List.of(indexName(version)));
    }

    /** Deletes {@code indices} (retired by a switch), unless the alias points at one of them again. */
    public void drop(Collection<String> indices) {
        try {
            Set<String> live = index.aliasedIndices();
            for (String name : indices) {
                if (!live.contains(name)) {
                    client.indices().delete(request -> request.index(name).ignoreUnavailable(true));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
