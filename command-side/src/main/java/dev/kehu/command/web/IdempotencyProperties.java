package dev.kehu.command.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kehu.command.idempotency.*}.
 *
 * @param inProgressTimeout age after which a key whose request is still "in progress" is taken to belong to a
 *                          request that died: a retry then finds out whether that request committed (and answers
 *                          its result) or not (and runs the command); default 30s. Must be longer than any
 *                          command takes.
 */
@ConfigurationProperties("kehu.command.idempotency")
public record IdempotencyProperties(@DefaultValue("30s") Duration inProgressTimeout) {

    public IdempotencyProperties {
        if (inProgressTimeout == null || inProgressTimeout.isNegative() || inProgressTimeout.isZero()) {
            throw new IllegalArgumentException("kehu.command.idempotency.in-progress-timeout must be positive");
        }
    }
}
