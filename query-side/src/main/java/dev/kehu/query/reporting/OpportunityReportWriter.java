package dev.kehu.query.reporting;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.kehu.query.search.FlushAtEndOfBatch;
import dev.kehu.query.search.UnitOfWorkBatches;
import dev.kehu.query.search.VersionedIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
            new UnitOfWorkBatches<>(OpportunityReportWriter.class, REFRESH_BATCH_LIMIT, this::write);

    private final ElasticsearchClient client;
    private final VersionedIndex index;
    private volatile boolean ensured;

    public OpportunityReportWriter(ElasticsearchClient client, VersionedIndex index) {
        this.client = client;
        this.index = index;
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
        change.accept(document);
        document.lastPosition(position);
        batches.changed(opportunityId, document);
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
        if (documents.isEmpty()) {
            return 0;
        }
        ensureIndex();
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(index.alias());
        for (OpportunityReportDocument document : documents) {
            Map<String, Object> source = document.toSource();
            bulk.operations(operation -> operation.index(write -> write
                    .id(document.opportunityId())
                    .version(Math.max(0, document.lastPosition()))
                    .versionType(VersionType.External)
                    .document(source)));
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
            throw new IllegalStateException("Reporting index rejected documents: " + failures);
        }
        return accepted;
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
