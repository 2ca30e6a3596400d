package dev.kehu.query.reporting;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.query.elasticsearch.ProjectionIndexWriter;
import dev.kehu.query.elasticsearch.VersionedIndex;
import dev.kehu.query.projection.SkippedEvents;

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

    /** A writer for an existing concrete index (a rebuild's new index); refused documents are recorded in {@code skipped}. */
    public OpportunityReportWriter(ElasticsearchClient client, String index, SkippedEvents skipped) {
        super(client, index, null, OpportunityReportProjection.PROCESSING_GROUP, "Reporting index", skipped,
                OpportunityReportDocument::new, OpportunityReportDocument::fromSource);
    }

    /** Documents the index refuses for their content are recorded in {@code skipped}, the rest of the batch is written. */
    public OpportunityReportWriter(ElasticsearchClient client, VersionedIndex index, SkippedEvents skipped) {
        super(client, index.alias(), index, OpportunityReportProjection.PROCESSING_GROUP, "Reporting index", skipped,
                OpportunityReportDocument::new, OpportunityReportDocument::fromSource);
    }
}
