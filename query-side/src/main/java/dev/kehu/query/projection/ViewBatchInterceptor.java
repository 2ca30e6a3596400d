package dev.kehu.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import javax.annotation.Nonnull;

/**
 * Writes a batch's view changes back once its last event has been handled, then records the
 * processing group's position. It runs inside the processing phase, so a failing write fails the
 * batch before the tracking processor stores its token: the batch is retried, and the per-document
 * {@code appliedPosition} makes the retry harmless.
 */
public class ViewBatchInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String processingGroup;
    private final ProjectionPositions positions;

    public ViewBatchInterceptor(String processingGroup, ProjectionPositions positions) {
        this.processingGroup = processingGroup;
        this.positions = positions;
    }

    @Override
    public Object handle(@Nonnull UnitOfWork<? extends EventMessage<?>> unitOfWork,
                         @Nonnull InterceptorChain interceptorChain) throws Exception {
        Object result = interceptorChain.proceed();
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching && !batching.isLastMessage()) {
            return result;
        }
        UnitOfWork<?> root = unitOfWork.root();
        ViewBatch batch = root.getResource(ViewWriter.BATCH_RESOURCE);
        long position = -1;
        if (batch != null) {
            batch.flush();
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
