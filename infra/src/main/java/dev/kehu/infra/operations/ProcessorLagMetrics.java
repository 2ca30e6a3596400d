package dev.kehu.infra.operations;

import dev.kehu.query.projection.ProjectionStatusSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Gauge {@code kehu.processor.lag.events} per processing group ({@code group} tag): events between the group's
 * position and the head of the event log, as {@code GET /api/projections} shows it. The gauges are registered
 * once the application is ready (when Axon knows its groups) and read one status snapshot, refreshed at most every
 * few seconds, so a scrape costs one status read, not one per group. The lag in seconds is Axon's
 * {@code kehu.processor.latency} gauge (axon-micrometer), registered by {@link OperationsConfiguration}.
 */
final class ProcessorLagMetrics implements ApplicationListener<ApplicationReadyEvent> {

    static final String NAME = "kehu.processor.lag.events";
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final ProjectionStatusSource statuses;
    private final MeterRegistry registry;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(Map.of(), 0));

    ProcessorLagMetrics(ProjectionStatusSource statuses, MeterRegistry registry) {
        this.statuses = statuses;
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        for (String group : statuses.all().keySet()) {
            Gauge.builder(NAME, () -> lag(group)).description("Events the processing group is behind the event log")
                    .tag("group", group).register(registry);
        }
    }

    private double lag(String group) {
        Snapshot current = snapshot.get();
        if (System.nanoTime() - current.takenAtNanos() > REFRESH.toNanos() || current.lags().isEmpty()) {
            current = new Snapshot(statuses.all(), System.nanoTime());
            snapshot.set(current);
        }
        Map<String, Object> status = current.lags().get(group);
        return status != null && status.get("lag") instanceof Number lag ? lag.doubleValue() : Double.NaN;
    }

    private record Snapshot(Map<String, Map<String, Object>> lags, long takenAtNanos) {
    }
}
