package dev.kehu.events;

/**
 * Names of the unit-of-work resources by which the event store tells the command side about a commit. Declared
 * once here, because the event store (infra) writes them and the command side reads them, and neither imports the
 * other.
 */
public final class CommitResources {

    /** Root unit-of-work resource holding the global position of the last event of the commit (a {@code Long}). */
    public static final String LAST_COMMITTED_POSITION = "kehu.lastCommittedPosition";

    private CommitResources() {
    }
}
