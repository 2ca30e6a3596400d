package dev.kehu.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import dev.kehu.query.projection.SkippedEvent;
import dev.kehu.query.projection.SkippedEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a projection's writer does with the documents of its Elasticsearch index, whatever they hold. The
 * documents an event batch touches are loaded once (real-time get) or started fresh, changed in memory, and
 * written with one bulk request when the unit of work prepares to commit ({@link UnitOfWorkBatches}), before
 * the processor stores its token, so a failed write is retried with the batch and nothing is lost.
 *
 * <p>Idempotency: each document carries the version of the last event applied to it and is written with
 * {@code version_type=external} ({@link ExternallyVersionedBulk}); a change at or below that version is
 * ignored, and the index rejects replays. A document the index refuses for its content is recorded in
 * {@link SkippedEvents} for the processing group, and the rest of the batch is written.
 *
 * <p>A subclass names its index, its processing group and how a document starts and is read back.
 *
 * @param <D> the document type
 */
public abstract class ProjectionIndexWriter<D extends IndexedDocument<D>> {

    /** Batches of at most this many documents are written with {@code refresh=true}: searchable at once. */
    public static final int REFRESH_BATCH_LIMIT = 50;

    private final UnitOfWorkBatches<D> batches =
            new UnitOfWorkBatches<>(getClass(), REFRESH_BATCH_LIMIT, this::write, IndexedDocument::copy);
    private final ElasticsearchClient client;
    private final String index;
    private final VersionedIndex versionedIndex;
    private final String processingGroup;
    private final String what;
    private final SkippedEvents skipped;
    private final Function<String, D> newDocument;
    private final Function<Map<String, Object>, D> fromSource;
    private volatile boolean ensured;
    /** A rebuild's documents as written so far, by id (see {@link #holding}); null for the live writer. */
    private Map<String, D> held;
    private boolean holdsAll;
    private int maxHeld;

    /**
     * @param index           the alias or index written and read
     * @param versionedIndex  created (with its alias) before the first read or write; null for an existing index
     * @param processingGroup the projection's group, named with a document the index refuses
     * @param what            names the index in error messages, e.g. "Search index"
     * @param newDocument     a new, empty document with this id
     * @param fromSource      a document as the index stores it
     */
    protected ProjectionIndexWriter(ElasticsearchClient client, String index, VersionedIndex versionedIndex,
                                    String processingGroup, String what, SkippedEvents skipped,
                                    Function<String, D> newDocument, Function<Map<String, Object>, D> fromSource) {
        this.client = client;
        this.index = index;
        this.versionedIndex = versionedIndex;
        this.processingGroup = processingGroup;
        this.what = what;
        this.skipped = skipped;
        this.newDocument = newDocument;
        this.fromSource = fromSource;
        this.ensured = versionedIndex == null;
    }

    /** Starts a new document (no read needed) at {@code version}. */
    public void create(String id, long version, Consumer<D> initializer) {
        D document = newDocument.apply(id);
        initializer.accept(document);
        document.version(version);
        batches.changed(id, document);
    }

    /**
     * Applies a change unless the document already contains the event at {@code version}; documents the index
     * does not hold are ignored.
     */
    public void update(String id, long version, Consumer<D> change) {
        D document = batches.get(id, this::load);
        if (document == null || document.version() >= version) {
            return;
        }
        batches.change(id, document, next -> {
            change.accept(next);
            next.version(version);
        });
    }

    /**
     * For a rebuild, whose writer alone writes its new index: keeps every document it wrote (up to {@code maxDocuments};
     * beyond, it forgets them and reads again), so a later chunk changes them without a read. With {@code empty} (a
     * rebuild from the start) a document not held is known not to exist, and nothing is read back at all, as
     * {@code RebuildBatch} does for the MongoDB views. Answers this writer.
     */
    public ProjectionIndexWriter<D> holding(boolean empty, int maxDocuments) {
        this.held = new java.util.HashMap<>();
        this.holdsAll = empty;
        this.maxHeld = maxDocuments;
        return this;
    }

    /** The stored document (real-time get), if any. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Optional<D> load(String id) {
        if (held != null) {
            D document = held.get(id); // never changed in place: a change works on a copy (UnitOfWorkBatches.change)
            if (document != null || holdsAll) {
                return Optional.ofNullable(document);
            }
        }
        ensureIndex();
        try {
            GetResponse<Map> response = client.get(get -> get.index(index).id(id), Map.class);
            if (!response.found()) {
                return Optional.empty();
            }
            Map<String, Object> source = response.source();
            return Optional.of(fromSource.apply(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes documents now, each with its version as external version; returns how many were accepted. */
    public int write(Collection<D> documents, boolean refresh) {
        return write(documents, refresh, id -> List.of());
    }

    private int write(Collection<D> documents, boolean refresh, Function<String, List<SkippedEvent.Origin>> origins) {
        if (documents.isEmpty()) {
            return 0;
        }
        ensureIndex();
        java.util.Set<String> refused = new java.util.HashSet<>();
        int accepted = ExternallyVersionedBulk.write(client, index, documents, IndexedDocument::id, IndexedDocument::version,
                IndexedDocument::toSource, refresh, what,
                (id, cause) -> {
                    batches.forget(id);
                    refused.add(id);
                    SkippedEvents.recordRejected(skipped, processingGroup, index + "/" + id, origins.apply(id), cause);
                });
        if (held != null) {
            if (held.size() + documents.size() > maxHeld) {
                held.clear();
                holdsAll = false;
            } else {
                documents.forEach(document -> held.put(document.id(), document));
                refused.forEach(held::remove);
                holdsAll &= refused.isEmpty(); // the index may hold an older version of a refused one: read it again
            }
        }
        return accepted;
    }

    /** Writes what the current unit of work changed so far (see {@link FlushAtEndOfBatch}). */
    public void flush() {
        batches.flush();
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
}
