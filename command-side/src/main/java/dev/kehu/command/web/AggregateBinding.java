package dev.kehu.command.web;

import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.Repository;

/**
 * Tells {@link AggregateVersionInterceptor} which repository holds the aggregate a command targets
 * (the aggregate whose id the command's {@code @TargetAggregateIdentifier} names). Register one bean
 * per aggregate type, e.g. {@code AggregateBinding.forCommandsIn(Customer.class.getPackageName(), repository)}.
 */
public record AggregateBinding(Repository<?> repository, Predicate<CommandMessage<?>> appliesTo) {

    /** Binds every command whose payload class sits in {@code packageName}. */
    public static AggregateBinding forCommandsIn(String packageName, Repository<?> repository) {
        return new AggregateBinding(repository,
                command -> command.getPayloadType().getPackageName().equals(packageName));
    }
}
