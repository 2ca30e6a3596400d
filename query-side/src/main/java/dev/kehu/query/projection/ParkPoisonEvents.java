package dev.kehu.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side's dead-letter {@link EnqueuePolicy}: what to do with an event a projection threw on.
 * <ul>
 *   <li>A failure of MongoDB or Elasticsearch ({@link ProjectionFailures#isInfrastructure}) while the
 *   processor handles the event is rethrown as {@link ProjectionOutage}: the processor rolls the batch
 *   back and retries it with back-off, nothing is parked (an outage must not park the whole log). The
 *   policy is Axon's only hook between a handler's failure and the enqueue, hence the throw.</li>
 *   <li>Any other failure (the event's content) parks the event with its cause and
 *   {@value MongoDeadLetterQueue#ATTEMPTS} = 1, logged at ERROR; later events of its aggregate queue
 *   behind it, and the projection goes on.</li>
 *   <li>A retried letter that fails again stays parked with one attempt more (an outage during a retry
 *   too: the letter waits for the next retry).</li>
 * </ul>
 */
public final class ParkPoisonEvents implements EnqueuePolicy<EventMessage<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ParkPoisonEvents.class);

    private final String processingGroup;

    public ParkPoisonEvents(String processingGroup) {
        this.processingGroup = processingGroup;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable failure) {
        boolean retry = letter instanceof StoredDeadLetter;
        if (!retry && ProjectionFailures.isInfrastructure(failure)) {
            throw new ProjectionOutage(processingGroup, failure);
        }
        SkippedEvent.Origin origin = SkippedEvent.Origin.of(letter.message());
        ThrowableCause cause = new ThrowableCause(failure.getClass().getName(), ProjectionFailures.describe(failure));
        Object previous = letter.diagnostics().get(MongoDeadLetterQueue.ATTEMPTS);
        int attempts = (previous instanceof Number number ? number.intValue() : 0) + 1;
        LOG.error("Projection {} {} event {} at position {} of aggregate {} (event id {}), attempt {}: {}", processingGroup,
                retry ? "could not apply the parked" : "PARKED", origin.eventType(), origin.position(), origin.aggregateId(),
                origin.eventId(), attempts, cause.message());
        return retry
                ? Decisions.requeue(cause, l -> l.diagnostics().and(MongoDeadLetterQueue.ATTEMPTS, attempts))
                : Decisions.enqueue(cause, l -> MetaData.with(MongoDeadLetterQueue.ATTEMPTS, attempts));
    }

    /** A failure of the infrastructure while a projection handled an event: the batch is retried, nothing parked. */
    public static final class ProjectionOutage extends RuntimeException {
        public ProjectionOutage(String processingGroup, Throwable cause) {
            super("processing group " + processingGroup + ": infrastructure failure, the batch is retried", cause);
        }
    }
}
