package dev.kehu.command.web;

import dev.kehu.events.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.stereotype.Component;

/**
 * Copies actor (id, display name, on whose behalf), reason and correlation id from the message being handled (usually the command) onto
 * every message it causes (its events), and sets causationId to the handled message's id. A message
 * without a correlation id starts a new correlation: its own id.
 */
@Component
public class AuditCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        copy(message, MetadataKeys.ACTOR, data);
        copy(message, MetadataKeys.ACTOR_NAME, data);
        copy(message, MetadataKeys.ON_BEHALF_OF, data);
        copy(message, MetadataKeys.REASON, data);
        data.put(MetadataKeys.CORRELATION_ID,
                message.getMetaData().getOrDefault(MetadataKeys.CORRELATION_ID, message.getIdentifier()));
        data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
        return data;
    }

    private static void copy(Message<?> message, String key, Map<String, Object> data) {
        Object value = message.getMetaData().get(key);
        if (value != null) {
            data.put(key, value);
        }
    }
}
