package dev.kehu.query.elasticsearch;

import dev.kehu.query.projection.SkippedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The Elasticsearch documents one unit of work (one event batch of a processor) touched, so that each
 * is read at most once and all changes go out in one bulk request: by {@link #flush()}, which
 * {@link FlushAtEndOfBatch} calls while the batch's last event is handled, or at the latest when the
 * unit of work prepares to commit. Outside a unit of work every change is written at once.
 * <p>
 * Each document remembers the events that changed it in the batch, so a document the index refuses
 * can be reported with them ({@link SkippedEvent}).
 *
 * @param <D> the document type
 */
public final class UnitOfWorkBatches<D> {

    /** Bulk-writes documents, with or without refresh; {@code origins} names the events that changed each (by id). */
    @FunctionalInterface
    public interface Write<D> {
        void write(Collection<D> documents, boolean refresh, Function<String, List<SkippedEvent.Origin>> origins);
    }

    private final String resourceKey;
    private final int refreshLimit;
    private final Write<D> write;
    private final UnaryOperator<D> copy;

    /**
     * @param owner        the writer; names the unit-of-work resource
     * @param refreshLimit batches of at most this many documents are written with {@code refresh=true}
     *                     (searchable at once); larger catch-up batches rely on the refresh interval
     * @param write        bulk-writes documents
     * @param copy         a deep copy of a document (changes are made on a copy, see {@link #change})
     */
    public UnitOfWorkBatches(Class<?> owner, int refreshLimit, Write<D> write, UnaryOperator<D> copy) {
        this.resourceKey = owner.getName() + ".batch";
        this.refreshLimit = refreshLimit;
        this.write = write;
        this.copy = copy;
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

    /**
     * Applies {@code change} to a copy of {@code document} and records the copy as the batch's
     * version; if the change throws, the batch keeps the document as it was.
     */
    public D change(String id, D document, java.util.function.Consumer<D> change) {
        D next = copy.apply(document);
        change.accept(next);
        changed(id, next);
        return next;
    }

    /** Records a new or changed document, to be written with the batch. */
    public void changed(String id, D document) {
        Batch batch = current();
        batch.documents.put(id, document);
        batch.dirty.put(id, document);
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().getMessage() instanceof EventMessage<?> event) {
            batch.origins.computeIfAbsent(id, key -> new ArrayList<>(1)).add(SkippedEvent.Origin.of(event));
        }
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

    /** Forgets a document of this batch (the index refused it: a later event must read what the index holds). */
    public void forget(String id) {
        if (CurrentUnitOfWork.isStarted()) {
            Batch batch = CurrentUnitOfWork.get().root().getResource(resourceKey);
            if (batch != null) {
                batch.documents.remove(id);
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
        private final Map<String, List<SkippedEvent.Origin>> origins = new LinkedHashMap<>();

        private Batch(UnitOfWork<?> unitOfWork) {
            this.unitOfWork = unitOfWork;
        }

        void flush() {
            if (!dirty.isEmpty()) {
                Map<String, List<SkippedEvent.Origin>> written = new LinkedHashMap<>(origins);
                write.write(new ArrayList<>(dirty.values()), dirty.size() <= refreshLimit,
                        id -> written.getOrDefault(id, List.of()));
                dirty.clear();
                origins.clear();
            }
        }
    }
}
