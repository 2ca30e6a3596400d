package dev.kehu.command.web;

import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Command-bus handler interceptor for commands with an {@link AggregateBinding}:
 * <ol>
 *   <li>before the handler, when the metadata carries {@link #EXPECTED_VERSION} (from If-Match), loads
 *       the target aggregate (taking its lock for the rest of the unit of work) and refuses with
 *       {@link StaleAggregateVersion} unless its version equals the expected one;</li>
 *   <li>after the handler, reads the aggregate's new version from the same unit of work and returns a
 *       {@link CommandResult} in place of the handler's result;</li>
 *   <li>after commit, copies the root unit of work's {@value #POSITION_RESOURCE} resource (written by the
 *       event store) into the result's position.</li>
 * </ol>
 */
public class AggregateVersionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Command metadata key of the version the caller expects (not copied to events). */
    public static final String EXPECTED_VERSION = "kehu.expectedVersion";
    /** Root unit-of-work resource in which the event store leaves the global position of the commit. */
    public static final String POSITION_RESOURCE = dev.kehu.events.CommitResources.LAST_COMMITTED_POSITION;

    private final ObjectProvider<AggregateBinding> bindings;
    private final CommandTargetResolver targetResolver = AnnotationCommandTargetResolver.builder().build();

    public AggregateVersionInterceptor(ObjectProvider<AggregateBinding> bindings) {
        this.bindings = bindings;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Optional<AggregateBinding> binding = bindings.orderedStream()
                .filter(b -> b.appliesTo(command)).findFirst();
        if (binding.isEmpty()) {
            return interceptorChain.proceed();
        }
        Repository<?> repository = binding.get().repository();
        String aggregateId = targetResolver.resolveTarget(command).getIdentifier();
        try {
            return handle(unitOfWork, interceptorChain, command, repository, aggregateId);
        } catch (AggregateNotFoundException e) {
            throw e instanceof UnknownAggregate ? e
                    : new UnknownAggregate(binding.get().aggregateName(), String.valueOf(e.getAggregateIdentifier()));
        }
    }

    private Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain,
                          CommandMessage<?> command, Repository<?> repository, String aggregateId) throws Exception {
        Object expected = command.getMetaData().get(EXPECTED_VERSION);
        if (expected != null) {
            long expectedVersion = ((Number) expected).longValue();
            Long current = repository.load(aggregateId).version();
            if (current == null || current != expectedVersion) {
                throw new StaleAggregateVersion(aggregateId, expectedVersion, current == null ? -1 : current);
            }
        }
        Object handlerResult = interceptorChain.proceed();
        if (handlerResult instanceof CommandResult result) {
            return result;
        }
        Long version = repository.load(aggregateId).version();
        CommandResult result = new CommandResult(aggregateId, version == null ? -1 : version);
        unitOfWork.afterCommit(u -> {
            Object position = u.root().getResource(POSITION_RESOURCE);
            result.committedAt(position instanceof Number n ? n.longValue() : null);
        });
        return result;
    }
}
