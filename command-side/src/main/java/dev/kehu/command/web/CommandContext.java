package dev.kehu.command.web;

import dev.kehu.command.actor.Actor;
import dev.kehu.command.actor.ActorSource;
import dev.kehu.command.actor.OwnerOnly;
import dev.kehu.events.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * What every command request carries besides its body: the authenticated actor (from {@link ActorSource}),
 * optional reason, correlation id, optional idempotency key and expected version, and the request's
 * method and path. Resolved by {@link CommandContextArgumentResolver}: declare it as a controller parameter.
 */
public record CommandContext(Actor caller, String reason, String correlationId, String idempotencyKey,
                             Long expectedVersion, String method, String path) {

    /** The acting user's stable id, as stored in every event's {@code actor}. */
    public String actor() {
        return caller.id();
    }

    /** This context with {@code defaultReason} as reason when the request gave none. */
    public CommandContext withDefaultReason(String defaultReason) {
        if (reason != null || defaultReason == null || defaultReason.isBlank()) {
            return this;
        }
        return new CommandContext(caller, defaultReason, correlationId, idempotencyKey, expectedVersion, method, path);
    }

    /**
     * The command message metadata: actor (id, display name, on whose behalf), reason, correlation id,
     * and for the command's interceptors only (not copied to its events) the owner-only flag, expected
     * version and idempotency key.
     */
    public MetaData metaData() {
        Map<String, Object> values = new HashMap<>();
        values.put(MetadataKeys.ACTOR, caller.id());
        if (caller.name() != null) {
            values.put(MetadataKeys.ACTOR_NAME, caller.name());
        }
        if (caller.onBehalfOf() != null) {
            values.put(MetadataKeys.ON_BEHALF_OF, caller.onBehalfOf());
        }
        if (caller.ownOnly()) {
            values.put(OwnerOnly.OWN_ONLY, Boolean.TRUE);
        }
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
