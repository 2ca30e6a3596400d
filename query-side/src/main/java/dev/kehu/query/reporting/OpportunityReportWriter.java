package dev.kehu.query.reporting;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import dev.kehu.query.elasticsearch.ExternallyVersionedBulk;
import dev.kehu.query.elasticsearch.FlushAtEndOfBatch;
import dev.kehu.query.elasticsearch.UnitOfWorkBatches;
import dev.kehu.query.elasticsearch.VersionedIndex;

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
 * Writes opportunity report documents in one bulk request per event batch (when the unit of work
 * prepares to commit, before the token is stored). Each document's version is the global position
 * of the last event applied to it ({@code version_type=external}): replays are rejected by the
 * index and change nothing.
 */
public class OpportunityReportWriter {

    static final int REFRESH_BATCH_LIMIT = 50;
    private final UnitOfWorkBatches<OpportunityReportDocument> batches =
            new UnitOfWorkBatches<>(OpportunityReportWriter.class, REFRESH_BATCH_LIMIT, this::write, OpportunityReportDocument::copy);

    private final ElasticsearchClient client;
    private final VersionedIndex index;
    private final SkippedEvents skipped;
    private volatile boolean ensured;

    public OpportunityReportWriter(ElasticsearchClient client, VersionedIndex index) {
        this(client, index, SkippedEvents.inMemory());
    }

    /** Documents the index refuses for their content are recorded in {@code skipped}, the rest of the batch is written. */
    public OpportunityReportWriter(ElasticsearchClient client, VersionedIndex index, SkippedEvents skipped) {
        this.client = client;
        this.index = index;
        this.skipped = skipped;
    }

    /** Starts the document of a newly opened opportunity. */
    public void create(String opportunityId, long position, Consumer<OpportunityReportDocument> initializer) {
        OpportunityReportDocument document = new OpportunityReportDocument(opportunityId);
        initializer.accept(document);
        document.lastPosition(position);
        batches.changed(opportunityId, document);
    }

    /** Applies a change unless the document already contains the event at this position. */
    public void update(String opportunityId, long position, Consumer<OpportunityReportDocument> change) {
        OpportunityReportDocument document = batches.get(opportunityId, this::load);
        if (document == null || document.lastPosition() >= position) {
            return;
        }
        batches.change(opportunityId, document, next -> {
            change.accept(next);
            next.lastPosition(position);
        });
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public Optional<OpportunityReportDocument> load(String opportunityId) {
        ensureIndex();
        try {
            GetResponse<Map> response = client.get(get -> get.index(index.alias()).id(opportunityId), Map.class);
            return response.found() ? Optional.of(OpportunityReportDocument.fromSource(response.source())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int write(Collection<OpportunityReportDocument> documents, boolean refresh) {
        return write(documents, refresh, id -> List.of());
    }

    private int write(Collection<OpportunityReportDocument> documents, boolean refresh, Function<String, List<SkippedEvent.Origin>> origins) {
        if (documents.isEmpty()) {
            return 0;
        }
        ensureIndex();
        return ExternallyVersionedBulk.write(client, index.alias(), documents, OpportunityReportDocument::opportunityId, OpportunityReportDocument::lastPosition,
                OpportunityReportDocument::toSource, refresh, "Reporting index",
                (id, cause) -> {
                    batches.forget(id);
                    SkippedEvents.recordRejected(skipped, OpportunityReportProjection.PROCESSING_GROUP, index.alias() + "/" + id, origins.apply(id), cause);
                });
    }

    private void ensureIndex() {
        if (ensured) {
            return;
        }
        try {
            index.ensureExists();
            ensured = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what the current unit of work changed so far (see {@link FlushAtEndOfBatch}). */
    public void flush() {
        batches.flush();
    }
}
