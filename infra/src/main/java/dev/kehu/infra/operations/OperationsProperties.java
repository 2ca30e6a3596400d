package dev.kehu.infra.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operations settings ({@code kehu.operations.*}).
 *
 * @param processorLagThreshold {@code processor-lag-threshold}, default {@code 10000}: a streaming processor this
 *                              many events or more behind the head of the event log makes {@code /actuator/health}'s
 *                              {@code processors} component DEGRADED (the application still answers; views are stale)
 */
@ConfigurationProperties("kehu.operations")
public record OperationsProperties(@DefaultValue("10000") long processorLagThreshold) {

    public OperationsProperties {
        if (processorLagThreshold < 1) {
            throw new IllegalArgumentException("kehu.operations.processor-lag-threshold must be at least 1, was "
                    + processorLagThreshold);
        }
    }
}
