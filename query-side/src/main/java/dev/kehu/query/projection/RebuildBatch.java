package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One processing group's projections run in batch mode (a rebuild): the group's own {@code @EventHandler}s, the
 * same code the live processor runs, over large chunks of the log, with the chunk's documents held in memory and
 * each written once per chunk ({@link #flush}), as Marten's optimized rebuilds do.
 * <p>
 * The documents stay in memory across chunks (up to {@code maxDocuments}), so a rebuild into new, empty collections
 * reads nothing back from the database while they fit: a document not held is known not to exist. Beyond that the
 * batch forgets them after a flush and reads what a chunk needs by {@code _id $in}, as the live processor does.
 * <p>
 * An event a handler cannot apply because of its content is left out, with every later event of its aggregate for
 * this group (the live processor parks them likewise, in its dead-letter queue); a failure of MongoDB propagates.
 */
public final class RebuildBatch {

    private final String group;
    private final List<AnnotationEventHandlerAdapter> handlers;
    private final Collection<String> collections;
    private final int maxDocuments;
    private final ViewBatch batch;
    private final Set<String> parkedAggregates = new HashSet<>();
    /** The handlers taking each payload type (for domain events, [1]; others, [0]), found once per type instead of per event. */
    private final java.util.Map<Class<?>, List<AnnotationEventHandlerAdapter>[]> handlersByType = new java.util.HashMap<>();
    private long parkedEvents;
    private final java.util.concurrent.atomic.AtomicLong rejectedDocuments = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param target      the database as the group's handlers should see it: their collection names lead to the new
     *                    version's collections ({@code ViewVersions.databaseFor})
     * @param collections the group's collections
     * @param empty       whether those collections are empty (a rebuild from the start), so nothing is read back
     */
    public RebuildBatch(String group, List<Object> projections, MongoDatabase target, Collection<String> collections,
                        boolean empty, int maxDocuments) {
        this.group = group;
        this.handlers = projections.stream().map(AnnotationEventHandlerAdapter::new).toList();
        this.collections = List.copyOf(collections);
        this.maxDocuments = maxDocuments;
        this.batch = new ViewBatch(target);
        if (empty) {
            this.collections.forEach(batch::holdsAllOf);
        }
    }

    public String group() {
        return group;
    }

    /** Applies {@code events} (in log order) to the documents held; nothing is written until {@link #flush}. */
    public void apply(List<? extends EventMessage<?>> events) {
        List<EventMessage<?>> handled = new ArrayList<>();
        for (EventMessage<?> event : events) {
            if (handled(event)) {
                handled.add(event);
            }
        }
        if (handled.isEmpty()) {
            return;
        }
        prefetch(handled);
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(handled);
        unitOfWork.resources().put(ViewWriter.BATCH_RESOURCE, batch);
        var result = unitOfWork.executeWithResult(() -> {
            handle(CurrentUnitOfWork.get().getMessage());
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable cause = result.exceptionResult();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    /**
     * Whether any of the group's handlers takes the event, remembered per payload type (the handlers choose by the
     * payload's type), so a chunk's unit of work holds only the events the group handles.
     */
    private boolean handled(EventMessage<?> event) {
        return !handlersFor(event).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<AnnotationEventHandlerAdapter> handlersFor(EventMessage<?> event) {
        int kind = event instanceof DomainEventMessage<?> ? 1 : 0; // parameters such as @SequenceNumber need a domain event
        List<AnnotationEventHandlerAdapter>[] byKind = handlersByType.computeIfAbsent(event.getPayloadType(), type -> new List[2]);
        if (byKind[kind] == null) {
            byKind[kind] = handlers.stream().filter(h -> h.canHandle(event)).toList();
        }
        return byKind[kind];
    }

    private void handle(org.axonframework.messaging.Message<?> message) throws Exception {
        EventMessage<?> event = (EventMessage<?>) message;
        String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        if (aggregate != null && parkedAggregates.contains(aggregate)) {
            parkedEvents++;
            return;
        }
        try {
            for (AnnotationEventHandlerAdapter handler : handlersFor(event)) {
                handler.handle(event);
            }
        } catch (Exception e) {
            if (ProjectionFailures.isInfrastructure(e)) {
                throw e;
            }
            // the change works on a copy (ViewWriter): the document stays as it was; the aggregate's later events wait behind it
            parkedEvents++;
            if (aggregate != null) {
                parkedAggregates.add(aggregate);
            }
            org.slf4j.LoggerFactory.getLogger(RebuildBatch.class).error("Rebuild of {}: event {} ({}) left out, with its aggregate's later events: {}",
                    group, event.getIdentifier(), event.getPayloadType().getSimpleName(), ProjectionFailures.describe(e));
        }
    }

    /** Reads the chunk's documents by aggregate id, one {@code _id $in} query per collection (none while all are held). */
    private void prefetch(List<EventMessage<?>> events) {
        Set<Object> ids = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                ids.add(domain.getAggregateIdentifier());
            }
        }
        for (String collection : collections) {
            batch.prefetch(collection, ids);
        }
    }

    /**
     * Writes every document changed since the last flush, once each; answers how many. Beyond {@code maxDocuments}
     * held, the batch then forgets them (later chunks read what they need).
     */
    public int flush() {
        Writes writes = writes();
        int written = writes.run();
        written(writes);
        return written;
    }

    /**
     * The writes of every document changed since the last flush, taken now: {@link Writes#run} may run on another
     * thread while the next chunk is applied, unless {@link Writes#mustFinishFirst} (the batch then forgets what it
     * holds, and the next chunk would read documents not written yet); then {@link #written}.
     */
    public Writes writes() {
        return new Writes(batch.writes(), batch.size() > maxDocuments);
    }

    /** After {@code writes} ran (on the batch's thread): notes refused documents, forgets them all past {@code maxDocuments}. */
    public void written(Writes writes) {
        batch.written(writes.writes);
        if (writes.forget) {
            batch.forget();
        }
    }

    /** One flush's writes (see {@link #writes}). */
    public final class Writes {
        private final ViewWrites writes;
        private final boolean forget;

        private Writes(ViewWrites writes, boolean forget) {
            this.writes = writes;
            this.forget = forget;
        }

        public boolean mustFinishFirst() {
            return forget;
        }

        /** Writes them (on any thread); answers how many were written. A failure of MongoDB propagates. */
        public int run() {
            return writes.run((collection, id, origins, cause) -> {
                rejectedDocuments.incrementAndGet();
                org.slf4j.LoggerFactory.getLogger(RebuildBatch.class).error("Rebuild of {}: document {}/{} refused by MongoDB, left out: {}",
                        group, collection, id, ProjectionFailures.describe(cause));
            });
        }
    }

    /** Every collection the handlers wrote or read, which must be among the group's declared ones. */
    public Set<String> collectionsTouched() {
        return Set.copyOf(batch.collections());
    }

    /** Documents MongoDB refused for their content (too large, say): left out, as the live processor skips them. */
    public long rejectedDocuments() {
        return rejectedDocuments.get();
    }

    /** Events left out: those a handler could not apply, and the later events of their aggregates. */
    public long parkedEvents() {
        return parkedEvents;
    }
}
