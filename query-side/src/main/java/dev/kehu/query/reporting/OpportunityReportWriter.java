package dev.kehu.query.reporting;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.query.elasticsearch.ProjectionIndexWriter;
import dev.kehu.query.elasticsearch.VersionedIndex;
import dev.kehu.query.projection.SkippedEvents;

import java.util.Map;

/**
 * Writes opportunity report documents in one bulk request per event batch (when the unit of work
 * prepares to commit, before the token is stored). Each document's version is the global position
 * of the last event applied to it ({@code version_type=external}): replays are rejected by the
 * index and change nothing. The batching and writing are {@link ProjectionIndexWriter}'s.
 */
public class OpportunityReportWriter extends ProjectionIndexWriter<OpportunityReportDocument> {

    public OpportunityReportWriter(ElasticsearchClient client, VersionedIndex index) {
        this(client, index, SkippedEvents.inMemory());
    }

    /** Documents the index refuses for their content are recorded in {@code skipped}, the rest of the batch is written. */
    public OpportunityReportWriter(ElasticsearchClient client, VersionedIndex index, SkippedEvents skipped) {
        super(client, index.alias(), index, OpportunityReportProjection.PROCESSING_GROUP, "Reporting index", skipped);
    }

    @Override
    protected OpportunityReportDocument newDocument(String opportunityId) {
        return new OpportunityReportDocument(opportunityId);
    }

    @Override
    protected String id(OpportunityReportDocument document) {
        return document.opportunityId();
    }

    /** The global position of the last event applied. */
    @Override
    protected long version(OpportunityReportDocument document) {
        return document.lastPosition();
    }

    @Override
    protected void version(OpportunityReportDocument document, long position) {
        document.lastPosition(position);
    }

    @Override
    protected OpportunityReportDocument copy(OpportunityReportDocument document) {
        return document.copy();
    }

    @Override
    protected Map<String, Object> toSource(OpportunityReportDocument document) {
        return document.toSource();
    }

    @Override
    protected OpportunityReportDocument fromSource(Map<String, Object> source) {
        return OpportunityReportDocument.fromSource(source);
    }
}
