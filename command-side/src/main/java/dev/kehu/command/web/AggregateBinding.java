package dev.kehu.command.web;

import java.util.Objects;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.Repository;

/**
 * Tells {@link AggregateVersionInterceptor} which repository holds the aggregate a command targets
 * (the aggregate whose id the command's {@code @TargetAggregateIdentifier} names) and how to name it
 * in a 404 ("no customer with id …"). Register one bean per aggregate type, e.g.
 * {@code AggregateBinding.forCommandsOf(CustomerCommand.class, "customer", repository)}.
 *
 * <p>Commands are bound by type: every command of an aggregate implements that aggregate's command
 * interface, wherever the class lives. (Binding by Java package let a moved command silently lose its
 * {@code If-Match} check.)
 *
 * @param aggregateName name of the aggregate in problem details ("customer")
 * @param commandType   the type every command of the aggregate implements
 * @param repository    the aggregate's repository
 */
public record AggregateBinding(String aggregateName, Class<?> commandType, Repository<?> repository) {

    public AggregateBinding {
        Objects.requireNonNull(aggregateName, "aggregateName");
        Objects.requireNonNull(commandType, "commandType");
        Objects.requireNonNull(repository, "repository");
    }

    /** Binds every command whose payload is a {@code commandType}. */
    public static AggregateBinding forCommandsOf(Class<?> commandType, String aggregateName, Repository<?> repository) {
        return new AggregateBinding(aggregateName, commandType, repository);
    }

    /** Whether commands with this payload type target this binding's aggregate. */
    public boolean appliesTo(Class<?> payloadType) {
        return commandType.isAssignableFrom(payloadType);
    }

    /** Whether {@code command} targets this binding's aggregate. */
    public boolean appliesTo(CommandMessage<?> command) {
        return appliesTo(command.getPayloadType());
    }
}
