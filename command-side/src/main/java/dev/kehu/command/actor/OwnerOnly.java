package dev.kehu.command.actor;

import java.util.Objects;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The SALES rule, checked where the state is: an aggregate calls {@link #check} with its own owner (a
 * customer's account manager, an opportunity's owner) before it handles a command. A command whose
 * metadata says {@link #OWN_ONLY} is refused unless its actor is that owner. Commands without the flag
 * (MANAGER, INTEGRATION recording ERP facts, the scheduler, tests driving aggregates directly) pass.
 */
public final class OwnerOnly {

    /** Command metadata (never copied to events): true when the actor may change only what it owns. */
    public static final String OWN_ONLY = "ownOnly";

    private OwnerOnly() {
    }

    /** Checks the message of the current unit of work, if any; {@code what} names the thing in the refusal. */
    public static void check(String owner, String what) {
        if (CurrentUnitOfWork.isStarted()) {
            check(CurrentUnitOfWork.get().getMessage(), owner, what);
        }
    }

    public static void check(Message<?> message, String owner, String what) {
        if (!Boolean.TRUE.equals(message.getMetaData().get(OWN_ONLY))) {
            return;
        }
        Object actor = message.getMetaData().get(dev.kehu.events.MetadataKeys.ACTOR);
        if (owner == null || !Objects.equals(owner, actor)) {
            throw new NotTheOwner("only the " + what + " or a MANAGER may do this");
        }
    }
}
