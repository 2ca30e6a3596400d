package dev.kehu.command.web;

import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.Repository;

/**
 * Tells {@link AggregateVersionInterceptor} which repository holds the aggregate a command targets
 * (the aggregate whose id the command's {@code @TargetAggregateIdentifier} names) and how to name it
 * in a 404 ("no customer with id …"). Register one bean per aggregate type, e.g.
 * {@code AggregateBinding.forCommandsIn("customer", Customer.class.getPackageName(), repository)}.
 */
public record AggregateBinding(String aggregateName, Repository<?> repository,
                               Predicate<CommandMessage<?>> appliesTo) {

    /**
     * Binds every command whose payload class sits in {@code packageName}; the aggregate is named after
     * the package's last segment ({@code dev.kehu.command.opportunity} → "opportunity").
     */
    public static AggregateBinding forCommandsIn(String packageName, Repository<?> repository) {
        return forCommandsIn(packageName.substring(packageName.lastIndexOf('.') + 1), packageName, repository);
    }

    /** Binds every command whose payload class sits in {@code packageName}. */
    public static AggregateBinding forCommandsIn(String aggregateName, String packageName, Repository<?> repository) {
        return new AggregateBinding(aggregateName, repository,
                command -> command.getPayloadType().getPackageName().equals(packageName));
    }
}
