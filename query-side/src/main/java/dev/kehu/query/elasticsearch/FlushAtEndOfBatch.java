package dev.kehu.query.elasticsearch;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes a projection's batch to Elasticsearch while the last event of the batch is being handled,
 * i.e. before the unit of work commits. A streaming processor stores its token in the first
 * prepare-commit step of the batch; flushing there (after the token) could advance a non-transactional
 * token store past events whose write then failed. Flushing here instead makes a failed write fail the
 * batch before the token moves, so the batch is retried.
 */
public final class FlushAtEndOfBatch implements MessageHandlerInterceptor<EventMessage<?>> {

    private final Runnable flush;

    public FlushAtEndOfBatch(Runnable flush) {
        this.flush = flush;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        Object result = interceptorChain.proceed();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            flush.run();
        }
        return result;
    }
}
