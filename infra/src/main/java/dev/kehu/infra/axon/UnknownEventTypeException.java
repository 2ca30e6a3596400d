package dev.kehu.infra.axon;

import org.axonframework.serialization.SerializationException;

/**
 * A stored event type name that no registered event class claims, or an event class that has no registered name.
 * Either way the event cannot be read or written faithfully, and passing over it in silence would hide it from
 * every view and aggregate: so it fails, naming the type. Non-transient, like every {@link SerializationException}.
 */
public class UnknownEventTypeException extends SerializationException {

    public UnknownEventTypeException(String message) {
        super(message);
    }
}
