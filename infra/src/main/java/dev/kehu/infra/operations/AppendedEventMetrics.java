package dev.kehu.infra.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Axon monitor of the event store: counter {@code kehu.events.appended} (Prometheus
 * {@code kehu_events_appended_total}) by event type, counted once the unit of work that published the event
 * committed it.
 */
final class AppendedEventMetrics implements MessageMonitor<Message<?>> {

    static final String NAME = "kehu.events.appended";

    private final MeterRegistry registry;

    AppendedEventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        String type = message.getPayloadType().getSimpleName();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                Counter.builder(NAME).description("Events appended to the event store, by type")
                        .tag("type", type).register(registry).increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                // not appended: nothing to count
            }

            @Override
            public void reportIgnored() {
                // not appended: nothing to count
            }
        };
    }
}
