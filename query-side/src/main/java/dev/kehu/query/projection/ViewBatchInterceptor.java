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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a batch's view changes back once its last event has been handled, then records the
 * processing group's position. It runs inside the processing phase, so a failing write fails the
 * batch before the tracking processor stores its token: the batch is retried, and the per-document
 * {@code appliedPosition} makes the retry harmless.
 * <p>
 * A held value its codec cannot encode is found only when the batch writes, after its event was handled, so it cannot be
 * tied to one event there. The batch then fails ({@link UnencodableView}) and is retried (the processor's back-off) with
 * every value encoded as its event is handled, up to the failed batch's last position: the event that made the value
 * then fails in its handler and the group's dead-letter queue parks it, with its aggregate's later events behind it,
 * like any event a projection cannot apply; the rest of the batch is written.
 */
public class ViewBatchInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ViewBatchInterceptor.class);

    private final String processingGroup;
    private final ProjectionPositions positions;
    private final ViewWriter writer;
    private final SkippedEvents skipped;
    private final Set<String> knownCollections = ConcurrentHashMap.newKeySet();
    /** Events up to this position are retried with their values encoded at once (after a value could not be encoded). */
    private final AtomicLong encodeEagerlyThrough = new AtomicLong(-1);

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
        long eventPosition = position(unitOfWork.getMessage());
        if (eventPosition >= 0 && eventPosition <= encodeEagerlyThrough.get()) {
            writer.batchOf(unitOfWork.root()).encodeEagerly();
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
            try {
                batch.flush(new Refusals());
            } catch (UnencodableView e) {
                long through = encodeEagerlyThrough.accumulateAndGet(Math.max(batch.lastPosition(), eventPosition), Math::max);
                LOG.warn("Projection {}: {}; the batch is retried with values encoded event by event up to position {}",
                        processingGroup, e.getMessage(), through);
                throw e;
            }
            position = batch.lastPosition();
            root.resources().remove(ViewWriter.BATCH_RESOURCE);
        }
        position = Math.max(position, eventPosition);
        if (position >= 0) {
            positions.record(processingGroup, position);
        }
        return result;
    }

    private static long position(Object message) {
        return message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().orElse(-1) : -1;
    }

    /** A document MongoDB refuses is skipped and recorded; a value that cannot be encoded fails the batch. */
    private final class Refusals implements ViewBatch.Rejected {
        @Override
        public void rejected(String collection, Object id, List<SkippedEvent.Origin> origins, RuntimeException cause) {
            SkippedEvents.recordRejected(skipped, processingGroup, collection + "/" + id, origins, ProjectionFailures.describe(cause));
        }

        @Override
        public void unencodable(String collection, Object id, List<SkippedEvent.Origin> origins, RuntimeException cause) {
            throw new UnencodableView(collection + "/" + id + " cannot be encoded: " + ProjectionFailures.describe(cause), cause);
        }
    }

    /** A view value of the batch its codec could not encode: the batch fails and is retried (see the class comment). */
    public static final class UnencodableView extends RuntimeException {
        UnencodableView(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
