package dev.kehu.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One bulk request that indexes documents with an external version (the event position or sequence the document
 * reflects), so a replayed or late batch never overwrites a newer document: Elasticsearch refuses the older
 * version, and such refusals are expected, not errors. Any other refusal fails the batch.
 */
public final class ExternallyVersionedBulk {

    private ExternallyVersionedBulk() {
    }

    /**
     * Indexes {@code documents} into {@code index}; returns how many were accepted (the others were older than
     * what the index holds).
     *
     * @param what names the index in the error message, e.g. "Search index"
     */
    public static <D> int write(ElasticsearchClient client, String index, Collection<D> documents,
                                Function<D, String> id, ToLongFunction<D> version,
                                Function<D, Map<String, Object>> source, boolean refresh, String what) {
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
        for (D document : documents) {
            Map<String, Object> body = source.apply(document);
            bulk.operations(operation -> operation.index(write -> write
                    .id(id.apply(document))
                    .version(Math.max(0, version.applyAsLong(document)))
                    .versionType(VersionType.External)
                    .document(body)));
        }
        if (refresh) {
            bulk.refresh(Refresh.True);
        }
        BulkResponse response;
        try {
            response = client.bulk(bulk.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int accepted = 0;
        List<String> failures = new ArrayList<>();
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null) {
                accepted++;
            } else if (!"version_conflict_engine_exception".equals(item.error().type())) {
                failures.add(item.id() + ": " + item.error().type() + " " + item.error().reason());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(what + " rejected documents: " + failures);
        }
        return accepted;
    }
}
