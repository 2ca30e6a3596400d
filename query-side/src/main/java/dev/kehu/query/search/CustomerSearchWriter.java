package dev.kehu.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.query.elasticsearch.ProjectionIndexWriter;
import dev.kehu.query.elasticsearch.VersionedIndex;
import dev.kehu.query.projection.SkippedEvents;

/**
 * Writes customer documents for the projection, in batches: the documents an event batch touches
 * are loaded once (or started fresh by a registration), changed in memory, and written with one
 * bulk request when the unit of work prepares to commit ({@link ProjectionIndexWriter}).
 *
 * <p>Idempotency: each document is written with {@code version_type=external} and the aggregate
 * sequence number of its last applied event as version. Elasticsearch rejects a write whose version
 * is not higher than the stored one, so replaying events (or a registration replayed onto a
 * document that already went further) leaves the index unchanged; those rejections are expected
 * and ignored.
 *
 * <p>Freshness: a small batch (live traffic, at most {@link #REFRESH_BATCH_LIMIT} documents) is
 * written with {@code refresh=true} so it is searchable as soon as the write returns; large catch-up
 * batches rely on the index's 1 s {@code refresh_interval}.
 */
public class CustomerSearchWriter extends ProjectionIndexWriter<CustomerSearchDocument> {

    /** A writer for an existing index or alias. */
    public CustomerSearchWriter(ElasticsearchClient client, String index) {
        this(client, index, SkippedEvents.inMemory());
    }

    /** A writer for an existing index or alias; documents the index refuses for their content are recorded in {@code skipped}. */
    public CustomerSearchWriter(ElasticsearchClient client, String index, SkippedEvents skipped) {
        super(client, index, null, CustomerSearchProjection.PROCESSING_GROUP, "Search index", skipped,
                CustomerSearchDocument::new, CustomerSearchDocument::fromSource);
    }

    /** A writer through the alias of a versioned index, created (with its alias) before the first read or write. */
    public CustomerSearchWriter(ElasticsearchClient client, VersionedIndex index) {
        this(client, index, SkippedEvents.inMemory());
    }

    public CustomerSearchWriter(ElasticsearchClient client, VersionedIndex index, SkippedEvents skipped) {
        super(client, index.alias(), index, CustomerSearchProjection.PROCESSING_GROUP, "Search index", skipped,
                CustomerSearchDocument::new, CustomerSearchDocument::fromSource);
    }
}
