package dev.kehu.infra.axon;

import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.eventstore.MongoTestServer;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Two application instances (two Spring contexts, each with its own MongoDB client, engine, aggregate cache and
 * command gateway) on one store. A command on a cached aggregate that the other instance has changed since must not
 * lose that change: the store refuses the stale sequence number, the cache entry is dropped and the command runs
 * again on the current state. Each event records the running total its command computed, so an update decided on
 * a stale state would show as a total that does not add up.
 */
class AggregateCacheAcrossInstancesTest {

    private static final MongoTestServer server = new MongoTestServer();
    private static final String DATABASE = "kehu_cache_" + UUID.randomUUID().toString().replace("-", "");
    private static ConfigurableApplicationContext instanceA;
    private static ConfigurableApplicationContext instanceB;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({AxonConfiguration.class, Tally.class})
    static class TallyApplication {
        @Bean
        MongoDatabase mongoDatabase() {
            return server.newClient().getDatabase(DATABASE);
        }
    }

    record OpenTally(@TargetAggregateIdentifier String tallyId, String name) {
    }

    record Add(@TargetAggregateIdentifier String tallyId, long amount) {
    }

    record TallyOpened(String tallyId, String name) {
    }

    record Added(String tallyId, long amount, long totalAfter) {
    }

    @Aggregate(cache = AxonConfiguration.CUSTOMER_CACHE, snapshotTriggerDefinition = AxonConfiguration.SNAPSHOT_TRIGGER)
    static class Tally {
        @AggregateIdentifier
        private String tallyId;
        private long total;

        protected Tally() {
        }

        @CommandHandler
        Tally(OpenTally command) {
            apply(new TallyOpened(command.tallyId(), command.name()));
        }

        @CommandHandler
        void handle(Add command) {
            apply(new Added(tallyId, command.amount(), total + command.amount()));
        }

        @EventSourcingHandler
        void on(TallyOpened event) {
            tallyId = event.tallyId();
        }

        @EventSourcingHandler
        void on(Added event) {
            total = event.totalAfter();
        }
    }

    @BeforeAll
    static void startTwoInstances() {
        instanceA = instance();
        instanceB = instance();
    }

    private static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(TallyApplication.class).web(org.springframework.boot.WebApplicationType.NONE)
                .properties("axon.axonserver.enabled=false", "spring.main.banner-mode=off",
                        "kehu.event-store.token-check-interval=1h")
                .run();
    }

    @AfterAll
    static void stop() {
        if (instanceA != null) {
            instanceA.close();
        }
        if (instanceB != null) {
            instanceB.close();
        }
        server.close();
    }

    @Test
    void aCommandOnAStaleCachedAggregateIsRefusedThenRetriedOnTheCurrentState() {
        String tally = "tally-" + UUID.randomUUID();
        gateway(instanceA).sendAndWait(new OpenTally(tally, "上海分部 Shanghai branch"));
        gateway(instanceA).sendAndWait(new Add(tally, 10)); // instance A now holds the tally in its cache
        long retriesBefore = retries(instanceA);

        gateway(instanceB).sendAndWait(new Add(tally, 20)); // behind A's back
        gateway(instanceA).sendAndWait(new Add(tally, 30)); // on A's stale entry: refused, evicted, retried

        assertThat(retries(instanceA) - retriesBefore).isEqualTo(1);
        List<Added> added = addedEvents(tally);
        assertThat(added).extracting(Added::amount).containsExactly(10L, 20L, 30L);
        assertThat(added).extracting(Added::totalAfter).containsExactly(10L, 30L, 60L);
        // and A's cache now holds the current state: the next command needs no retry
        gateway(instanceA).sendAndWait(new Add(tally, 1));
        assertThat(retries(instanceA) - retriesBefore).isEqualTo(1);
        assertThat(addedEvents(tally).get(3).totalAfter()).isEqualTo(61L);
    }

    @Test
    void twoInstancesAddingConcurrentlyLoseNoUpdate() throws Exception {
        String tally = "tally-" + UUID.randomUUID();
        gateway(instanceA).sendAndWait(new OpenTally(tally, "北京分部 Beijing branch"));
        int perThread = 15;
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        long retriesBefore = retries(instanceA) + retries(instanceB);
        for (ConfigurableApplicationContext instance : List.of(instanceA, instanceB, instanceA, instanceB)) {
            done.add(threads.submit(() -> {
                for (int i = 1; i <= perThread; i++) {
                    try {
                        gateway(instance).sendAndWait(new Add(tally, i));
                        acknowledged.incrementAndGet();
                    } catch (RuntimeException e) {
                        refused.incrementAndGet(); // more conflicts in a row than the retries allow: reported, not lost
                    }
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();

        List<Added> added = addedEvents(tally);
        assertThat(added).hasSize(acknowledged.get());
        assertThat(acknowledged.get() + refused.get()).isEqualTo(4 * perThread);
        long running = 0;
        for (Added event : added) {
            running += event.amount();
            assertThat(event.totalAfter()).as("each total adds up: no command decided on a stale state").isEqualTo(running);
        }
        assertThat(retries(instanceA) + retries(instanceB) - retriesBefore).isPositive();
        assertThat(acknowledged.get()).isGreaterThan(refused.get());
    }

    private static CommandGateway gateway(ConfigurableApplicationContext instance) {
        return instance.getBean(CommandGateway.class);
    }

    private static long retries(ConfigurableApplicationContext instance) {
        return instance.getBean(ConcurrencyRetryScheduler.class).retries();
    }

    private static List<Added> addedEvents(String tally) {
        // from the storage engine at sequence 0: the event store would start at the latest snapshot
        return instanceB.getBean(EventStorageEngine.class).readEvents(tally, 0).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(Added.class::isInstance).map(Added.class::cast).toList();
    }
}
