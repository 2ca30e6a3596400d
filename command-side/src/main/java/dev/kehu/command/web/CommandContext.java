package dev.kehu.command.web;

import dev.kehu.events.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * What every command request carries besides its body: actor, optional reason, correlation id,
 * optional idempotency key and expected version, and the request's method and path. Resolved from the
 * request headers by {@link CommandContextArgumentResolver}: declare it as a controller parameter.
 */
public record CommandContext(String actor, String reason, String correlationId, String idempotencyKey,
                             Long expectedVersion, String method, String path) {

    /** This context with {@code defaultReason} as reason when the request gave none. */
    public CommandContext withDefaultReason(String defaultReason) {
        if (reason != null || defaultReason == null || defaultReason.isBlank()) {
            return this;
        }
        return new CommandContext(actor, defaultReason, correlationId, idempotencyKey, expectedVersion, method, path);
    }

    /**
     * The command message metadata: actor, reason, correlation id, expected version and idempotency key
     * (the last two are for the command's interceptors and are not copied to its events).
     */
    public MetaData metaData() {
        Map<String, Object> values = new HashMap<>();
        values.put(MetadataKeys.ACTOR, actor);
        values.put(MetadataKeys.CORRELATION_ID, correlationId);
        if (reason != null) {
            values.put(MetadataKeys.REASON, reason);
        }
        if (expectedVersion != null) {
            values.put(AggregateVersionInterceptor.EXPECTED_VERSION, expectedVersion);
        }
        if (idempotencyKey != null) {
            values.put(IdempotentCommitRecorder.IDEMPOTENCY_KEY, idempotencyKey);
        }
        return MetaData.from(values);
    }
}
