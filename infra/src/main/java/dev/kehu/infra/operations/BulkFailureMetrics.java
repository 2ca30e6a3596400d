package dev.kehu.infra.operations;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import co.elastic.clients.transport.instrumentation.Instrumentation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Elasticsearch bulk failures, counted where every bulk request of the projections passes: the typed client's
 * {@link Instrumentation} hook (so the read side stays free of metrics code).
 * <ul>
 *   <li>{@code kehu.elasticsearch.bulk.failures{kind=request}}: a bulk request that failed as a whole (connection
 *       refused, timeout, an error answer);</li>
 *   <li>{@code kehu.elasticsearch.bulk.failures{kind=items}}: a bulk request answered with at least one failed
 *       document;</li>
 *   <li>{@code kehu.elasticsearch.bulk.failed.documents}: those documents, one by one.</li>
 * </ul>
 * A {@code version_conflict_engine_exception} is not a failure: an externally versioned write of a replayed, older
 * document is refused on purpose.
 */
final class BulkFailureMetrics implements Instrumentation {

    static final String FAILURES = "kehu.elasticsearch.bulk.failures";
    static final String FAILED_DOCUMENTS = "kehu.elasticsearch.bulk.failed.documents";
    private static final String BULK = "es/bulk";
    private static final Context NOTHING = new Counting(null);

    private final Counter failedRequests;
    private final Counter failedItems;
    private final Counter failedDocuments;

    BulkFailureMetrics(MeterRegistry registry) {
        String description = "Elasticsearch bulk requests that failed whole (kind=request) or in part (kind=items)";
        this.failedRequests = Counter.builder(FAILURES).tag("kind", "request").description(description).register(registry);
        this.failedItems = Counter.builder(FAILURES).tag("kind", "items").description(description).register(registry);
        this.failedDocuments = Counter.builder(FAILED_DOCUMENTS)
                .description("Documents an Elasticsearch bulk request failed to write (version conflicts of replays aside)")
                .register(registry);
    }

    @Override
    public <R> Context newContext(R request, Endpoint<R, ?, ?> endpoint) {
        return BULK.equals(endpoint.id()) ? new Counting(this) : NOTHING;
    }

    private void answered(BulkResponse response) {
        if (!response.errors()) {
            return;
        }
        long failed = response.items().stream().map(BulkResponseItem::error)
                .filter(error -> error != null && !"version_conflict_engine_exception".equals(error.type())).count();
        if (failed > 0) {
            failedItems.increment();
            failedDocuments.increment(failed);
        }
    }

    /** One bulk request's observation; {@code metrics} null for every other request. */
    private record Counting(BulkFailureMetrics metrics) implements Context {

        @Override
        public <T> void afterDecodingApiResponse(T response) {
            if (metrics != null && response instanceof BulkResponse bulk) {
                metrics.answered(bulk);
            }
        }

        @Override
        public void recordException(Throwable thrown) {
            if (metrics != null) {
                metrics.failedRequests.increment();
            }
        }

        @Override
        public ThreadScope makeCurrent() {
            return () -> { };
        }

        @Override
        public void beforeSendingHttpRequest(TransportHttpClient.Request request, TransportOptions options) {
            // nothing to note before the answer
        }

        @Override
        public void afterReceivingHttpResponse(TransportHttpClient.Response response) {
            // counted once decoded
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
