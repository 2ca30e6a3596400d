package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.config.EventProcessingConfigurer;

import java.time.Clock;

/**
 * Gives a processing group Axon's dead-lettering event handler invoker over a
 * {@link MongoDeadLetterQueue}, with {@link ParkPoisonEvents} deciding what is parked. Axon's
 * sequence-identifier cache is on: while a group's queue is empty (the normal case) no event costs a
 * query to ask whether its aggregate has parked events.
 * <p>
 * Once a queue is registered the group's {@code ListenerInvocationErrorHandler} is no longer consulted
 * (Axon's dead-lettering invoker propagates handler errors to the queue).
 */
public final class DeadLetterQueues {

    private DeadLetterQueues() {
    }

    public static void register(EventProcessingConfigurer processing, String group, MongoDatabase database, Clock clock) {
        processing.registerDeadLetterQueue(group, c -> new MongoDeadLetterQueue(group, database, c::eventSerializer, clock));
        processing.registerDeadLetterPolicy(group, c -> new ParkPoisonEvents(group));
        processing.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                (c, builder) -> builder.enableSequenceIdentifierCache());
    }

    /** How many events {@code group} has parked (a query on the collection, so any instance can answer). */
    public static long count(MongoDatabase database, String group) {
        return database.getCollection(MongoDeadLetterQueue.COLLECTION).countDocuments(Filters.eq("processingGroup", group));
    }
}
