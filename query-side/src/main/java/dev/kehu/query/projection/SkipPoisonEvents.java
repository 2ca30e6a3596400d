package dev.kehu.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;

/**
 * The read side's {@link ListenerInvocationErrorHandler}: an event a handler cannot apply because of
 * its content is skipped ({@link SkippedEvents}: logged at ERROR, counted, recorded) and the batch
 * goes on; a failure of MongoDB or Elasticsearch ({@link ProjectionFailures#isInfrastructure}) is
 * rethrown, so the processor rolls the batch back and retries it with back-off, losing nothing.
 * <p>
 * Superseded by dead letters ({@link DeadLetterQueues}): a group with a dead-letter queue (every
 * MongoDB view group and both Elasticsearch groups) parks such events instead, and Axon no longer
 * consults this handler for it.
 */
public final class SkipPoisonEvents implements ListenerInvocationErrorHandler {

    private final String processingGroup;
    private final SkippedEvents skipped;

    public SkipPoisonEvents(String processingGroup, SkippedEvents skipped) {
        this.processingGroup = processingGroup;
        this.skipped = skipped;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler) throws Exception {
        if (ProjectionFailures.isInfrastructure(exception)) {
            throw exception;
        }
        skipped.record(SkippedEvent.of(processingGroup, event, null, exception, skipped.clock().instant()));
    }
}
