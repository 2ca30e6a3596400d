package dev.kehu.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A dead letter as {@link MongoDeadLetterQueue} stores it: {@code id} is its document's {@code _id},
 * {@code index} its place in its sequence (the event's global position). The message is rebuilt from
 * the stored serialized form when first asked for, so listing letters never deserializes a payload
 * (which may be what failed).
 */
public final class StoredDeadLetter implements DeadLetter<EventMessage<?>> {

    private final String id;
    private final String sequenceId;
    private final long index;
    private final Supplier<EventMessage<?>> message;
    private final Cause cause;
    private final Instant enqueuedAt;
    private final Instant lastTouched;
    private final MetaData diagnostics;
    private final Clock clock;

    StoredDeadLetter(String id, String sequenceId, long index, Supplier<EventMessage<?>> message, Cause cause,
                     Instant enqueuedAt, Instant lastTouched, MetaData diagnostics, Clock clock) {
        this.id = id;
        this.sequenceId = sequenceId;
        this.index = index;
        this.message = message;
        this.cause = cause;
        this.enqueuedAt = enqueuedAt;
        this.lastTouched = lastTouched;
        this.diagnostics = diagnostics == null ? MetaData.emptyInstance() : diagnostics;
        this.clock = clock;
    }

    public String id() {
        return id;
    }

    public String sequenceId() {
        return sequenceId;
    }

    public long index() {
        return index;
    }

    @Override
    public EventMessage<?> message() {
        return message.get();
    }

    @Override
    public Optional<Cause> cause() {
        return Optional.ofNullable(cause);
    }

    @Override
    public Instant enqueuedAt() {
        return enqueuedAt;
    }

    @Override
    public Instant lastTouched() {
        return lastTouched;
    }

    @Override
    public MetaData diagnostics() {
        return diagnostics;
    }

    @Override
    public DeadLetter<EventMessage<?>> markTouched() {
        return new StoredDeadLetter(id, sequenceId, index, message, cause, enqueuedAt, clock.instant(), diagnostics, clock);
    }

    @Override
    public DeadLetter<EventMessage<?>> withCause(Throwable requeueCause) {
        Cause next = requeueCause == null ? cause
                : requeueCause instanceof Cause given ? given : ThrowableCause.truncated(requeueCause);
        return new StoredDeadLetter(id, sequenceId, index, message, next, enqueuedAt, lastTouched, diagnostics, clock);
    }

    @Override
    public DeadLetter<EventMessage<?>> withDiagnostics(MetaData diagnostics) {
        return new StoredDeadLetter(id, sequenceId, index, message, cause, enqueuedAt, lastTouched, diagnostics, clock);
    }

    @Override
    public String toString() {
        return "StoredDeadLetter{" + id + ", sequence " + sequenceId + ", index " + index + "}";
    }
}
