package dev.kehu.command.web;

import dev.kehu.command.actor.ActorSource;
import dev.kehu.command.actor.NotTheOwner;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Wires the shared command REST conventions: context resolution, idempotency, versions. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class CommandWebConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<ActorSource> actors;

    public CommandWebConfiguration(ObjectProvider<ActorSource> actors) {
        this.actors = actors;
    }

    /** The actor source is looked up per request: the application supplies it from its security configuration. */
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CommandContextArgumentResolver(request -> actors.getObject().actorOf(request)));
    }

    @Bean
    ProblemMapping<NotTheOwner> notTheOwner() {
        return ProblemMapping.of(NotTheOwner.class, HttpStatus.FORBIDDEN);
    }

    @Bean
    IdempotencyStore idempotencyStore(MongoDatabase database, ObjectProvider<Clock> clock, IdempotencyProperties properties,
                                      ObjectProvider<CommittedEvents> committedEvents, JsonMapper jsonMapper) {
        return new IdempotencyStore(database, clock.getIfUnique(Clock::systemUTC), properties.inProgressTimeout(),
                committedEvents::getIfAvailable, jsonMapper);
    }

    /**
     * Registered on the command bus before {@link AggregateVersionInterceptor} (so it sees the
     * {@link CommandResult}) and on the event bus (so it sees each commit just before its append).
     */
    @Bean
    IdempotentCommitRecorder idempotentCommitRecorder(IdempotencyStore store, JsonMapper jsonMapper,
                                                      CommandBus commandBus, EventBus eventBus) {
        IdempotentCommitRecorder recorder = new IdempotentCommitRecorder(store, jsonMapper);
        commandBus.registerHandlerInterceptor(recorder);
        eventBus.registerDispatchInterceptor(recorder);
        return recorder;
    }

    @Bean
    CommandExecutor commandExecutor(IdempotencyStore idempotencyStore, JsonMapper jsonMapper,
                                    CommandDispatcher dispatcher) {
        return new CommandExecutor(idempotencyStore, jsonMapper, dispatcher);
    }

    /** Registered on the command bus as a handler interceptor. */
    @Bean
    AggregateVersionInterceptor aggregateVersionInterceptor(ObjectProvider<AggregateBinding> bindings,
                                                            CommandBus commandBus,
                                                            IdempotentCommitRecorder registeredFirst) {
        AggregateVersionInterceptor interceptor = new AggregateVersionInterceptor(bindings);
        commandBus.registerHandlerInterceptor(interceptor);
        return interceptor;
    }
}
