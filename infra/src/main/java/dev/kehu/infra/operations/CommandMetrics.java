package dev.kehu.infra.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Axon monitor of the command bus: timer {@code kehu.commands} (Prometheus {@code kehu_commands_seconds_*}) tagged
 * with the command's type ({@code command}, e.g. {@code RegisterCustomer}) and its {@code outcome}
 * ({@code success}, {@code failure}, {@code ignored}), from dispatch to the end of its unit of work.
 */
final class CommandMetrics implements MessageMonitor<Message<?>> {

    static final String NAME = "kehu.commands";

    private final MeterRegistry registry;

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        String command = message.getPayloadType().getSimpleName();
        Timer.Sample sample = Timer.start(registry);
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                stop("success");
            }

            @Override
            public void reportFailure(Throwable cause) {
                stop("failure");
            }

            @Override
            public void reportIgnored() {
                stop("ignored");
            }

            private void stop(String outcome) {
                sample.stop(Timer.builder(NAME).description("Commands handled, by type and outcome")
                        .tag("command", command).tag("outcome", outcome).register(registry));
            }
        };
    }
}
