package dev.kehu.infra.operations;

import dev.kehu.query.projection.ProjectionStatusSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code /actuator/health}'s {@code processors} component: every streaming processing group with its lag (events
 * behind the head of the log) and parked events (dead letters). DEGRADED when a group lags by
 * {@code kehu.operations.processor-lag-threshold} or more, or has dead letters waiting for a retry or a skip;
 * the details name which. Built on the status {@code GET /api/projections} shows.
 */
class ProcessorsHealthIndicator implements HealthIndicator {

    private final ProjectionStatusSource statuses;
    private final long lagThreshold;

    ProcessorsHealthIndicator(ProjectionStatusSource statuses, long lagThreshold) {
        this.statuses = statuses;
        this.lagThreshold = lagThreshold;
    }

    @Override
    public Health health() {
        Status overall = Status.UP;
        Map<String, Object> groups = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> entry : statuses.all().entrySet()) {
            Map<String, Object> status = entry.getValue();
            long lag = number(status.get("lag"));
            long deadLetters = number(status.get("deadLetters"));
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("lag", status.get("lag"));
            group.put("deadLetters", deadLetters);
            group.put("replaying", status.get("replaying"));
            group.put("paused", status.get("paused"));
            boolean degraded = lag >= lagThreshold || deadLetters > 0;
            group.put("status", degraded ? Degraded.STATUS.getCode() : Status.UP.getCode());
            if (degraded) {
                overall = Degraded.STATUS;
            }
            groups.put(entry.getKey(), group);
        }
        return Health.status(overall).withDetail("lagThreshold", lagThreshold).withDetail("groups", groups).build();
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }
}
