package dev.kehu.command.web;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends a command with the request's {@link CommandContext} as metadata and waits for its
 * {@link CommandResult}. Business-rule exceptions thrown by the handler propagate unchanged.
 */
@Component
public class CommandDispatcher {

    private final CommandGateway commandGateway;

    public CommandDispatcher(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    public CommandResult send(CommandContext context, Object command) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command).andMetaData(context.metaData());
        Object result = commandGateway.sendAndWait(message);
        if (result instanceof CommandResult commandResult) {
            return commandResult;
        }
        throw new IllegalStateException("no AggregateBinding covers " + command.getClass().getName());
    }
}
