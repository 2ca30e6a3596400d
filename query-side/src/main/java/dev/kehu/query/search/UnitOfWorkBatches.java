package dev.kehu.query.search;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The Elasticsearch documents one unit of work (one event batch of a processor) touched, so that each
 * is read at most once and all changes go out in one bulk request: by {@link #flush()}, which
 * {@link FlushAtEndOfBatch} calls while the batch's last event is handled, or at the latest when the
 * unit of work prepares to commit. Outside a unit of work every change is written at once.
 *
 * @param <D> the document type
 */
public final class UnitOfWorkBatches<D> {

    private final String resourceKey;
    private final int refreshLimit;
    private final BiConsumer<Collection<D>, Boolean> write;

    /**
     * @param owner        the writer; names the unit-of-work resource
     * @param refreshLimit batches of at most this many documents are written with {@code refresh=true}
     *                     (searchable at once); larger catch-up batches rely on the refresh interval
     * @param write        bulk-writes documents, with or without refresh
     */
    public UnitOfWorkBatches(Class<?> owner, int refreshLimit, BiConsumer<Collection<D>, Boolean> write) {
        this.resourceKey = owner.getName() + ".batch";
        this.refreshLimit = refreshLimit;
        this.write = write;
    }

    /** The document as this batch has it, else as {@code loader} finds it (then kept); null if neither. */
    public D get(String id, Function<String, Optional<D>> loader) {
        Batch batch = current();
        D document = batch.documents.get(id);
        if (document == null) {
            document = loader.apply(id).orElse(null);
            if (document != null) {
                batch.documents.put(id, document);
            }
        }
        return document;
    }

    /** Records a new or changed document, to be written with the batch. */
    public void changed(String id, D document) {
        Batch batch = current();
        batch.documents.put(id, document);
        batch.dirty.put(id, document);
        if (batch.unitOfWork == null) {
            batch.flush();
        }
    }

    /** Writes what the current unit of work changed so far; the prepare-commit flush then finds nothing left. */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            Batch batch = CurrentUnitOfWork.get().root().getResource(resourceKey);
            if (batch != null) {
                batch.flush();
            }
        }
    }

    private Batch current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new Batch(null);
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(resourceKey, key -> {
            Batch batch = new Batch(root);
            root.onPrepareCommit(unitOfWork -> batch.flush());
            return batch;
        });
    }

    private final class Batch {
        private final UnitOfWork<?> unitOfWork;
        private final Map<String, D> documents = new LinkedHashMap<>();
        private final Map<String, D> dirty = new LinkedHashMap<>();

        private Batch(UnitOfWork<?> unitOfWork) {
            this.unitOfWork = unitOfWork;
        }

        void flush() {
            if (!dirty.isEmpty()) {
                write.accept(dirty.values(), dirty.size() <= refreshLimit);
                dirty.clear();
            }
        }
    }
}
