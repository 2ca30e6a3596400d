package dev.kehu.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.CommandApiTestSupport;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every command the command side handles is bound to exactly one aggregate by type, so {@code If-Match}
 * and the unknown-id 404 work for it wherever its class lives. The handled commands are found the way
 * Axon finds them: the command handlers of every {@code @Aggregate} (its root, constructors and
 * {@code @AggregateMember} entities, as Axon's aggregate model sees them) and every other main class
 * with {@code @CommandHandler} methods (handlers that load two aggregates in one unit of work). The
 * bindings are the application's own {@link AggregateBinding} beans.
 */
class CommandBindingTest extends CommandApiTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void everyHandledCommandIsBoundToExactlyOneAggregateByItsType() {
        List<AggregateBinding> bindings = List.copyOf(context.getBeansOfType(AggregateBinding.class).values());
        Map<Class<?>, String> handled = handledCommands();
        assertThat(handled).as("commands found").hasSizeGreaterThanOrEqualTo(40);

        List<String> unbound = new ArrayList<>();
        handled.forEach((command, handler) -> {
            List<String> matching = bindings.stream().filter(b -> b.appliesTo(command))
                    .map(AggregateBinding::aggregateName).toList();
            String aggregate = handler.startsWith("@Aggregate ") ? handler.substring(11).toLowerCase() : null;
            if (matching.size() != 1 || (aggregate != null && !matching.get(0).equals(aggregate))) {
                unbound.add(command.getName() + " (handled by " + handler + ") is bound to " + matching);
            }
        });
        assertThat(unbound).as("commands not bound to exactly their own aggregate").isEmpty();
    }

    @Test
    void everyBoundCommandTypeIsHandled() {
        Set<Class<?>> handled = handledCommands().keySet();
        for (AggregateBinding binding : context.getBeansOfType(AggregateBinding.class).values()) {
            assertThat(binding.commandType().isSealed()).as(binding.commandType() + " is a closed set").isTrue();
            Set<String> declared = Arrays.stream(binding.commandType().getPermittedSubclasses())
                    .map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
            Set<String> handledOfType = handled.stream().filter(binding::appliesTo)
                    .map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
            assertThat(handledOfType).as("commands of " + binding.aggregateName()).isEqualTo(declared);
        }
    }

    /** Command payload type → who handles it ("@Aggregate Customer" or the handler class). */
    private static Map<Class<?>, String> handledCommands() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Aggregate.class));
        scanner.addIncludeFilter((reader, factory) ->
                reader.getAnnotationMetadata().hasAnnotatedMethods(CommandHandler.class.getName()));
        Map<Class<?>, String> handled = new LinkedHashMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.kehu.command")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            if (type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
                continue; // test doubles handle test-only commands
            }
            if (type.isAnnotationPresent(Aggregate.class)) {
                for (MessageHandlingMember<?> member : commandHandlersOf(type)) {
                    handled.put(member.payloadType(), "@Aggregate " + type.getSimpleName());
                }
            } else {
                for (Method method : type.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(CommandHandler.class)) {
                        handled.put(method.getParameterTypes()[0], type.getSimpleName());
                    }
                }
            }
        }
        return handled;
    }

    private static <T> List<MessageHandlingMember<? super T>> commandHandlersOf(Class<T> aggregate) {
        return AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregate).commandHandlers(aggregate)
                .filter(member -> member.canHandleMessageType(CommandMessage.class)).toList();
    }
}
