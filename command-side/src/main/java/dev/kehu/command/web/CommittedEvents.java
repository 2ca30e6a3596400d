package dev.kehu.command.web;

/**
 * Whether an event reached the event store, looked up by its identifier. The event store implements it (infra:
 * the {@code events} collection has a unique index on the event id). {@link IdempotencyStore} asks it when a
 * request died after it had started to commit, to tell "the command took effect" from "it never did".
 */
@FunctionalInterface
public interface CommittedEvents {

    /** The outcome of an event's commit. */
    enum State {
        /** The event's commit is complete: the command took effect. */
        COMMITTED,
        /** The commit is still being written, or its writer died and nothing has followed it yet. */
        PENDING,
        /** Not stored, or its commit was abandoned: the command never took effect and never will. */
        ABSENT
    }

    /** @param position the global position of the event when {@link State#COMMITTED}, else null */
    record Outcome(State state, Long position) {
    }

    Outcome lookup(String eventIdentifier);
}
