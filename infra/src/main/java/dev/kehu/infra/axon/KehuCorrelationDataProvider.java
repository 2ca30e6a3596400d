package dev.kehu.infra.axon;

import dev.kehu.events.MetadataKeys;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Copies the audit metadata of a message (usually the command) onto the messages it causes: the actor and reason
 * as given, the correlation id (the cause's own correlation id, or its id when it started the conversation) and the
 * causation id (the id of the causing message). Axon's usual {@code traceId} is kept for its own tooling.
 */
public class KehuCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>(6);
        Object actor = message.getMetaData().get(MetadataKeys.ACTOR);
        if (actor != null) {
            data.put(MetadataKeys.ACTOR, actor);
        }
        Object reason = message.getMetaData().get(MetadataKeys.REASON);
        if (reason != null) {
            data.put(MetadataKeys.REASON, reason);
        }
        Object correlationId = message.getMetaData().get(MetadataKeys.CORRELATION_ID);
        data.put(MetadataKeys.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
        data.put("traceId", message.getIdentifier());
        return data;
    }
}
