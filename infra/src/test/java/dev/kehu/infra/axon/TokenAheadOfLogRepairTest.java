package dev.kehu.infra.axon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.eventstore.StoreFixtures;
import dev.kehu.infra.eventstore.MongoTestServer;
import dev.kehu.infra.tokenstore.MongoTokenStore;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor whose token is beyond the head of the log (a store restored from an older backup) on the embedded
 * server: the repair finds it, logs it at ERROR and resets it, and its view ends equal to a replay of the log.
 */
class TokenAheadOfLogRepairTest {

    private static final MongoTestServer server = new MongoTestServer();

    private MongoDatabase database;
    private MongoTokenStore tokenStore;
    private EventStore writer;
    private Configuration configuration;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    /** A test event: one booking on an account. */
    record Booked(String account, String memo, BigDecimal amount) {
    }

    /** A view of the memos, in the order handled; its reset handler clears it, as a read model's drops its collection. */
    static final class MemoView {
        final List<String> memos = Collections.synchronizedList(new ArrayList<>());
        volatile int resets;

        @EventHandler
        public void on(Booked event) {
            memos.add(event.memo());
        }

        @ResetHandler
        public void reset() {
            memos.clear();
            resets++;
        }
    }

    @BeforeEach
    void setUp() {
        database = server.newDatabase();
        tokenStore = new MongoTokenStore(database, "tokens", AxonConfiguration.messageSerializer(), "node-1",
                Duration.ofSeconds(10), Clock.systemUTC());
        writer = EmbeddedEventStore.builder().storageEngine(engine()).build();
        logged.start();
        ((Logger) LoggerFactory.getLogger(TokenAheadOfLogRepair.class)).addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(TokenAheadOfLogRepair.class)).detachAppender(logged);
        if (configuration != null) {
            configuration.shutdown();
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void resetsProcessorsWhoseTokenIsAtAHundredOnATenEventLogAndTheirViewsEqualTheReplay() throws Exception {
        List<String> log = appendTenEvents();
        // the token store comes from a later backup than the events: both processors stand at position 100
        tokenStore.initializeTokenSegments("tracking-view", 1, GapAwareTrackingToken.newInstance(100, List.of()));
        tokenStore.initializeTokenSegments("pooled-view", 2, GapAwareTrackingToken.newInstance(100, List.of()));
        MemoView tracking = new MemoView();
        MemoView pooled = new MemoView();
        MemoView control = new MemoView();
        tracking.memos.add("幽灵 ghost of position 57"); // effects of events the log no longer has
        pooled.memos.add("幽灵 ghost of position 88");
        configuration = start(tracking, pooled, control);
        await(() -> control.memos.size() == 10); // a fresh processor replays the ten events
        assertThat(tracking.memos).containsExactly("幽灵 ghost of position 57"); // silently stuck until repaired

        List<TokenAheadOfLogRepair.Finding> findings = new TokenAheadOfLogRepair(() -> configuration, tokenStore).checkAll();

        assertThat(findings).containsExactlyInAnyOrder(
                new TokenAheadOfLogRepair.Finding("tracking-view", Map.of(0, 100L), 10, true),
                new TokenAheadOfLogRepair.Finding("pooled-view", Map.of(0, 100L, 1, 100L), 10, true));
        await(() -> tracking.memos.size() == 10 && pooled.memos.size() == 10);
        assertThat(control.memos).containsExactlyElementsOf(log);
        assertThat(tracking.memos).containsExactlyElementsOf(log);
        assertThat(pooled.memos).containsExactlyInAnyOrderElementsOf(log);
        assertThat(pooled.memos.stream().filter(memo -> memo.startsWith("上海")).toList())
                .containsExactlyElementsOf(log.stream().filter(memo -> memo.startsWith("上海")).toList());
        assertThat(tracking.resets).isEqualTo(1);
        assertThat(pooled.resets).isEqualTo(1);
        await(() -> positions("tracking-view").equals(List.of(10L)) && positions("pooled-view").equals(List.of(10L, 10L)));
        // the replay ends at the head, not at the lost position 100
        await(() -> !replaying("tracking-view") && !replaying("pooled-view"));
        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.ERROR)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(message -> assertThat(message).contains("'tracking-view'", "{0=100}", "head of the event log at 10"))
                .anySatisfy(message -> assertThat(message).contains("'pooled-view'", "{0=100, 1=100}", "at 10"));

        // repaired for good: the next check finds nothing, and new events flow on to every view
        assertThat(new TokenAheadOfLogRepair(() -> configuration, tokenStore).checkAll()).isEmpty();
        book("acct-bj", 5, "北京 第六笔 sixth");
        await(() -> tracking.memos.size() == 11 && pooled.memos.size() == 11 && control.memos.size() == 11);
        assertThat(tracking.memos.get(10)).isEqualTo("北京 第六笔 sixth");
    }

    @Test
    void leavesAProcessorWithinTheLogAloneAndSaysNothing() throws Exception {
        appendTenEvents();
        tokenStore.initializeTokenSegments("tracking-view", 1, GapAwareTrackingToken.newInstance(7, List.of()));
        MemoView tracking = new MemoView();
        tracking.memos.add("七条之前 before the eighth");
        configuration = start(tracking, new MemoView(), new MemoView());
        await(() -> tracking.memos.size() == 4);

        assertThat(new TokenAheadOfLogRepair(() -> configuration, tokenStore).checkAll()).isEmpty();

        assertThat(tracking.resets).isZero();
        assertThat(tracking.memos.get(0)).isEqualTo("七条之前 before the eighth");
        assertThat(logged.list).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    private MongoEventStorageEngine engine() {
        return StoreFixtures.anEngine(database);
    }

    /** Ten events of two accounts, Beijing and Shanghai, interleaved; returns their memos in log order. */
    private List<String> appendTenEvents() {
        List<String> memos = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            memos.add(book("acct-bj", i, "北京 第" + (i + 1) + "笔 booking " + (i + 1)));
            memos.add(book("acct-sh", i, "上海 第" + (i + 1) + "笔 booking " + (i + 1)));
        }
        return memos;
    }

    private String book(String account, long seq, String memo) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        writer.publish(new GenericDomainEventMessage<>("Account", account, seq,
                new Booked(account, memo, new BigDecimal("100.00")), MetaData.with("actor", "test")));
        unitOfWork.commit();
        return memo;
    }

    private Configuration start(MemoView tracking, MemoView pooled, MemoView control) {
        Configuration started = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> AxonConfiguration.messageSerializer())
                .configureEventStore(c -> EmbeddedEventStore.builder().storageEngine(engine()).fetchDelay(50).build())
                .eventProcessing(processing -> processing
                        .registerTokenStore(c -> tokenStore)
                        .registerEventHandler(c -> tracking)
                        .registerEventHandler(c -> pooled)
                        .registerEventHandler(c -> control)
                        .registerTrackingEventProcessor("tracking-view")
                        .registerTrackingEventProcessor("control-view")
                        .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                                .forSingleThreadedProcessing().andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS))
                        .registerPooledStreamingEventProcessor("pooled-view", Configuration::eventStore,
                                (c, builder) -> builder.initialSegmentCount(2))
                        .assignHandlerInstancesMatching("tracking-view", handler -> handler == tracking)
                        .assignHandlerInstancesMatching("pooled-view", handler -> handler == pooled)
                        .assignHandlerInstancesMatching("control-view", handler -> handler == control))
                .buildConfiguration();
        started.start();
        return started;
    }

    private boolean replaying(String processor) {
        return configuration.eventProcessingConfiguration()
                .eventProcessor(processor, org.axonframework.eventhandling.StreamingEventProcessor.class)
                .orElseThrow().isReplaying();
    }

    private List<Long> positions(String processor) {
        return tokenStore.peekTokens(processor).values().stream()
                .map(token -> token == null ? -1L : token.position().orElse(-1)).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
