package dev.kehu.query.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import javax.annotation.Nonnull;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a batch's view changes back once its last event has been handled, then records the
 * processing group's position. It runs inside the processing phase, so a failing write fails the
 * batch before the tracking processor stores its token: the batch is retried, and the per-document
 * {@code appliedPosition} makes the retry harmless.
 */
public class ViewBatchInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String processingGroup;
    private final ProjectionPositions positions;
    private final ViewWriter writer;
    private final SkippedEvents skipped;
    private final Set<String> knownCollections = ConcurrentHashMap.newKeySet();

    public ViewBatchInterceptor(String processingGroup, ProjectionPositions positions, ViewWriter writer) {
        this(processingGroup, positions, writer, SkippedEvents.inMemory());
    }

    /** A view document MongoDB refuses for its content is skipped with the events that changed it ({@code skipped}). */
    public ViewBatchInterceptor(String processingGroup, ProjectionPositions positions, ViewWriter writer, SkippedEvents skipped) {
        this.processingGroup = processingGroup;
        this.positions = positions;
        this.writer = writer;
        this.skipped = skipped;
    }

    /**
     * Most view documents are keyed by the aggregate id of the events that change them: read them
     * for the whole batch up front, one query per collection, instead of one read per document.
     */
    private void prefetch(BatchingUnitOfWork<?> batching) {
        Set<Object> ids = new LinkedHashSet<>();
        for (Message<?> message : batching.getMessages()) {
            if (message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                ids.add(domain.getAggregateIdentifier());
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        ViewBatch batch = writer.batchOf(batching.root());
        for (String collection : knownCollections) {
            batch.prefetch(collection, ids);
        }
    }

    @Override
    public Object handle(@Nonnull UnitOfWork<? extends EventMessage<?>> unitOfWork,
                         @Nonnull InterceptorChain interceptorChain) throws Exception {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching && batching.isFirstMessage() && batching.getMessages().size() > 1) {
            prefetch(batching);
        }
        Object result = interceptorChain.proceed();
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching && !batching.isLastMessage()) {
            return result;
        }
        UnitOfWork<?> root = unitOfWork.root();
        ViewBatch batch = root.getResource(ViewWriter.BATCH_RESOURCE);
        long position = -1;
        if (batch != null) {
            knownCollections.addAll(batch.collections());
            batch.flush((collection, id, origins, cause) -> SkippedEvents.recordRejected(
                    skipped, processingGroup, collection + "/" + id, origins, ProjectionFailures.describe(cause)));
            position = batch.lastPosition();
            root.resources().remove(ViewWriter.BATCH_RESOURCE);
        }
        if (unitOfWork.getMessage() instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            position = Math.max(position, tracked.trackingToken().position().orElse(-1));
        }
        if (position >= 0) {
            positions.record(processingGroup, position);
        }
        return result;
    }
}
