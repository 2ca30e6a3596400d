package dev.kehu.query.search;

import dev.kehu.query.elasticsearch.FlushAtEndOfBatch;
import dev.kehu.query.elasticsearch.VersionedIndex;
import dev.kehu.query.elasticsearch.ExternallyVersionedBulk;
import dev.kehu.query.elasticsearch.UnitOfWorkBatches;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import dev.kehu.query.projection.SkippedEvent;
import dev.kehu.query.projection.SkippedEvents;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes customer documents for the projection, in batches: the documents an event batch touches
 * are loaded once (or started fresh by a registration), changed in memory, and written with one
 * bulk request when the unit of work prepares to commit — before the processor stores its token,
 * so a failed write is retried with the batch and nothing is lost.
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
public class CustomerSearchWriter {

    static final int REFRESH_BATCH_LIMIT = 50;
    private final UnitOfWorkBatches<CustomerSearchDocument> batches =
            new UnitOfWorkBatches<>(CustomerSearchWriter.class, REFRESH_BATCH_LIMIT, this::write, CustomerSearchDocument::copy);

    private final ElasticsearchClient client;
    private final String index;
    private final VersionedIndex versionedIndex;
    private final SkippedEvents skipped;
    private volatile boolean ensured;

    /** A writer for an existing index or alias. */
    public CustomerSearchWriter(ElasticsearchClient client, String index) {
        this(client, index, SkippedEvents.inMemory());
    }

    /** A writer for an existing index or alias; documents the index refuses for their content are recorded in {@code skipped}. */
    public CustomerSearchWriter(ElasticsearchClient client, String index, SkippedEvents skipped) {
        this.client = client;
        this.index = index;
        this.versionedIndex = null;
        this.skipped = skipped;
        this.ensured = true;
    }

    /** A writer through the alias of a versioned index, created (with its alias) before the first read or write. */
    public CustomerSearchWriter(ElasticsearchClient client, VersionedIndex index) {
        this(client, index, SkippedEvents.inMemory());
    }

    public CustomerSearchWriter(ElasticsearchClient client, VersionedIndex index, SkippedEvents skipped) {
        this.client = client;
        this.index = index.alias();
        this.versionedIndex = index;
        this.skipped = skipped;
    }

    private void ensureIndex() {
        if (ensured) {
            return;
        }
        try {
            versionedIndex.ensureExists();
            ensured = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a new document for a registered customer (sequence 0); no read needed. */
    public void create(String customerId, long sequence, Consumer<CustomerSearchDocument> initializer) {
        CustomerSearchDocument document = new CustomerSearchDocument(customerId);
        initializer.accept(document);
        document.lastSequence(sequence);
        batches.changed(customerId, document);
    }

    /**
     * Applies a change to a customer's document unless the document already contains this event
     * (its lastSequence is at or beyond {@code sequence}); unknown customers are ignored.
     */
    public void update(String customerId, long sequence, Consumer<CustomerSearchDocument> change) {
        CustomerSearchDocument document = batches.get(customerId, this::load);
        if (document == null || document.lastSequence() >= sequence) {
            return;
        }
        batches.change(customerId, document, next -> {
            change.accept(next);
            next.lastSequence(sequence);
        });
    }

    /** The stored document (real-time get), if any. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Optional<CustomerSearchDocument> load(String customerId) {
        ensureIndex();
        try {
            GetResponse<Map> response = client.get(get -> get.index(index).id(customerId), Map.class);
            return response.found() ? Optional.of(CustomerSearchDocument.fromSource(response.source())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes documents now, each with its lastSequence as external version; returns how many were accepted. */
    public int write(Collection<CustomerSearchDocument> documents, boolean refresh) {
        return write(documents, refresh, id -> List.of());
    }

    private int write(Collection<CustomerSearchDocument> documents, boolean refresh, Function<String, List<SkippedEvent.Origin>> origins) {
        if (documents.isEmpty()) {
            return 0;
        }
        ensureIndex();
        return ExternallyVersionedBulk.write(client, index, documents, CustomerSearchDocument::customerId, CustomerSearchDocument::lastSequence,
                CustomerSearchDocument::toSource, refresh, "Search index",
                (id, cause) -> {
                    batches.forget(id);
                    SkippedEvents.recordRejected(skipped, CustomerSearchProjection.PROCESSING_GROUP, index + "/" + id, origins.apply(id), cause);
                });
    }

    /** Writes what the current unit of work changed so far (see {@link FlushAtEndOfBatch}). */
    public void flush() {
        batches.flush();
    }
}
