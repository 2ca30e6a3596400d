package dev.kehu.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.kehu.query.projection.ProjectionFailures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One bulk request that indexes documents with an external version (the event position or sequence the document
 * reflects), so a replayed or late batch never overwrites a newer document: Elasticsearch refuses the older
 * version, and such refusals are expected, not errors.
 * <p>
 * A document refused because of its own content (a 400-class item error such as
 * {@code mapper_parsing_exception}, {@code document_parsing_exception} or {@code illegal_argument_exception};
 * an id longer than Elasticsearch's 512 bytes; a source that cannot be built) goes to {@link Rejected} and the
 * rest of the batch is written. An item refused by the cluster (429, 5xx) or a failed request (connection
 * refused, timeout) fails the whole write, so the processor retries the batch; the external versions make
 * rewriting the documents that did go in harmless.
 */
public final class ExternallyVersionedBulk {

    /** Elasticsearch refuses a whole bulk request that holds an id longer than this (UTF-8 bytes). */
    static final int MAX_ID_BYTES = 512;
    /**
     * Longest string indexed: Elasticsearch refuses a keyword term over 32,766 UTF-8 bytes, and a Java
     * char is at most 3 bytes (a surrogate pair 4 bytes for 2 chars), so 10,000 chars always fit.
     */
    static final int MAX_STRING_CHARS = 10_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExternallyVersionedBulk.class);

    private ExternallyVersionedBulk() {
    }

    /** Receives a document that was not written because of its content. */
    @FunctionalInterface
    public interface Rejected {
        void rejected(String id, String cause);

        /** Fails the write instead (no skipping). */
        Rejected FAIL = (id, cause) -> {
            throw new IllegalStateException("Index rejected document " + id + ": " + cause);
        };
    }

    /** As {@link #write(ElasticsearchClient, String, Collection, Function, ToLongFunction, Function, boolean, String, Rejected)}, failing on any rejected document. */
    public static <D> int write(ElasticsearchClient client, String index, Collection<D> documents,
                                Function<D, String> id, ToLongFunction<D> version,
                                Function<D, Map<String, Object>> source, boolean refresh, String what) {
        return write(client, index, documents, id, version, source, refresh, what, Rejected.FAIL);
    }

    /**
     * Indexes {@code documents} into {@code index}; returns how many were accepted (the others were older than
     * what the index holds, or went to {@code rejected}).
     *
     * @param what names the index in the error message, e.g. "Search index"
     */
    public static <D> int write(ElasticsearchClient client, String index, Collection<D> documents,
                                Function<D, String> id, ToLongFunction<D> version,
                                Function<D, Map<String, Object>> source, boolean refresh, String what, Rejected rejected) {
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
        int operations = 0;
        for (D document : documents) {
            String documentId = id.apply(document);
            if (documentId == null || documentId.isEmpty() || documentId.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
                rejected.rejected(String.valueOf(documentId), "document id is empty or longer than " + MAX_ID_BYTES + " bytes");
                continue;
            }
            Map<String, Object> body;
            long documentVersion;
            try {
                body = truncated(documentId, source.apply(document));
                documentVersion = Math.max(0, version.applyAsLong(document));
            } catch (RuntimeException e) {
                if (ProjectionFailures.isInfrastructure(e)) {
                    throw e;
                }
                rejected.rejected(documentId, ProjectionFailures.describe(e));
                continue;
            }
            bulk.operations(operation -> operation.index(write -> write
                    .id(documentId)
                    .version(documentVersion)
                    .versionType(VersionType.External)
                    .document(body)));
            operations++;
        }
        if (operations == 0) {
            return 0;
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
            } else if ("version_conflict_engine_exception".equals(item.error().type())) {
                continue; // an older version than the index holds: a replay
            } else if (ProjectionFailures.isInfrastructureStatus(item.status())) {
                failures.add(item.id() + ": " + item.status() + " " + item.error().type() + " " + item.error().reason());
            } else {
                rejected.rejected(item.id(), item.status() + " " + item.error().type() + ": " + item.error().reason());
            }
        }
        if (!failures.isEmpty()) {
            // the cluster refused (overloaded, shard unavailable): retry the batch rather than skip anything
            throw new IndexUnavailable(what + " refused documents: " + failures);
        }
        return accepted;
    }

    /**
     * The source with every string longer than {@link #MAX_STRING_CHARS} cut to that length (a name or
     * a tag of 60,000 characters from an import would otherwise make the whole document unindexable).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> truncated(String id, Map<String, Object> source) {
        Map<String, Object> copy = null;
        for (Map.Entry<String, Object> entry : source.entrySet()) {
            Object value = truncatedValue(id, entry.getKey(), entry.getValue());
            if (value != entry.getValue()) {
                if (copy == null) {
                    copy = new java.util.LinkedHashMap<>(source);
                }
                copy.put(entry.getKey(), value);
            }
        }
        return copy == null ? source : copy;
    }

    @SuppressWarnings("unchecked")
    private static Object truncatedValue(String id, String field, Object value) {
        if (value instanceof String text && text.length() > MAX_STRING_CHARS) {
            LOG.warn("Document {}: field {} of {} characters indexed cut to {}", id, field, text.length(), MAX_STRING_CHARS);
            int end = Character.isHighSurrogate(text.charAt(MAX_STRING_CHARS - 1)) ? MAX_STRING_CHARS - 1 : MAX_STRING_CHARS;
            return text.substring(0, end);
        }
        if (value instanceof Map<?, ?> map) {
            return truncated(id, (Map<String, Object>) map);
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object element : list) {
                Object next = truncatedValue(id, field, element);
                changed |= next != element;
                copy.add(next);
            }
            return changed ? copy : value;
        }
        return value;
    }

    /** The cluster refused documents for reasons of its own (429, 5xx): the batch is retried. */
    public static final class IndexUnavailable extends org.axonframework.common.AxonTransientException {
        public IndexUnavailable(String message) {
            super(message);
        }
    }
}
