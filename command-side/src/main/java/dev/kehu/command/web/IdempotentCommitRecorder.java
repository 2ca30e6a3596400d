package dev.kehu.command.web;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records, for a command sent with an Idempotency-Key, what a retry needs if the request dies after its
 * commit: the identifier of the commit's last event and the response body, in the key's claim, just
 * before the events are appended ({@link IdempotencyStore#recordCommit}).
 *
 * <p>Two roles. As a command handler interceptor it notes the key's claim when the command starts and
 * the handler's {@link CommandResult} when it returns. As an event-bus dispatch interceptor it sees each
 * batch of events the moment the event store is about to append it (Axon intercepts a unit of work's
 * events in its prepare-commit phase, right before the append), and records the batch's last event; a
 * failure there (the claim was taken over by a retry) aborts the unit of work before anything is
 * written.
 */
public class IdempotentCommitRecorder
        implements MessageHandlerInterceptor<CommandMessage<?>>, MessageDispatchInterceptor<EventMessage<?>> {

    /** Command metadata key of the request's Idempotency-Key (not copied to events). */
    public static final String IDEMPOTENCY_KEY = "kehu.idempotencyKey";
    private static final String RESOURCE = "kehu.idempotentCommit";

    private final IdempotencyStore store;
    private final JsonMapper jsonMapper;

    public IdempotentCommitRecorder(IdempotencyStore store, JsonMapper jsonMapper) {
        this.store = store;
        this.jsonMapper = jsonMapper;
    }

    /** The key, its claim and, once the handler returned, its result. */
    private static final class Pending {
        final String key;
        final String claimId;
        volatile Object result;

        Pending(String key, String claimId) {
            this.key = key;
            this.claimId = claimId;
        }
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object key = unitOfWork.getMessage().getMetaData().get(IDEMPOTENCY_KEY);
        String claimId = key instanceof String k ? store.currentClaim(k) : null;
        if (claimId == null) {
            return interceptorChain.proceed();
        }
        Pending pending = new Pending((String) key, claimId);
        unitOfWork.root().resources().put(RESOURCE, pending);
        Object result = interceptorChain.proceed();
        pending.result = result;
        return result;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (!messages.isEmpty() && CurrentUnitOfWork.isStarted()) {
            Pending pending = CurrentUnitOfWork.get().root().getResource(RESOURCE);
            if (pending != null) {
                CommandResult result = pending.result instanceof CommandResult r ? r : null;
                store.recordCommit(pending.key, pending.claimId, messages.get(messages.size() - 1).getIdentifier(),
                        result == null ? null : jsonMapper.writeValueAsString(result.body()),
                        result == null ? null : result.etag());
            }
        }
        return (index, event) -> event;
    }
}
