package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values that are hard on a canonical form, stored through the engine and read back: every one comes back exactly
 * (type, scale and text), and every chain verifies. What cannot be stored unchanged (a lone surrogate) is refused
 * before anything is written.
 */
class CanonicalFormRoundTripTest {

    private static final MongoTestServer server = MongoTestServer.onKehuStore();

    private MongoDatabase database;
    private MongoEventStorageEngine engine;
    private EventStore eventStore;

    @Revision("1")
    record Probe(String text, BigDecimal amount, Long big, Integer small, Double ratio, List<Object> nested,
                 Map<String, Object> attributes, String nothing) {
    }

    @BeforeEach
    void setUp() {
        database = server.newDatabase();
        engine = StoreFixtures.anEngine(database);
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void storesEveryHardValueUnchangedAndItsChainVerifies() {
        List<String> texts = List.of("北京京东世纪贸易有限公司", "客户很满意 😀👍🏽 🇨🇳", "坏字节 \uFFFD bad byte",
                "quote \" backslash \\ newline \n cr \r tab \t nul \u0000 bell \u0007 del \u007f \u2028 / \\u0041",
                "长".repeat(200_000) + " end", "");
        List<String> amounts = List.of("100", "100.00", "1E+2", "0.000001", "1E-7", "-12345678901234567890.12",
                "0E-10", "123456789012345678901234567890.123456789"); // the last has 39 digits: beyond Decimal128
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < Math.max(texts.size(), amounts.size()); i++) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("中文键", "值 " + i);
            attributes.put("😀", new BigDecimal(amounts.get(i % (amounts.size() - 1)))); // untyped: see below
            attributes.put("list", List.of(1, Long.MAX_VALUE, "三", Map.of()));
            attributes.put("null", null);
            probes.add(new Probe(texts.get(i % texts.size()), new BigDecimal(amounts.get(i)),
                    i % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE, i % 2 == 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE,
                    i == 0 ? 0.1 : i == 1 ? 1e-300 : 1e300 / (i + 1),
                    List.of(List.of(), Map.of("z", 1, "a", List.of("x")), "末"), attributes, null));
        }
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int seq = 0; seq < probes.size(); seq++) {
            events.add(new GenericDomainEventMessage<>("Probe", "probe-1", seq, probes.get(seq),
                    MetaData.with("actor", "测试员 tester 😀").and("reason", "quote \" and \\u0041")));
        }
        MongoEventStorageEngineTest.commit(eventStore, events.subList(0, 3).toArray(DomainEventMessage[]::new));
        MongoEventStorageEngineTest.commit(eventStore, events.subList(3, events.size()).toArray(DomainEventMessage[]::new));

        List<Object> loaded = eventStore.readEvents("probe-1").asStream().map(event -> (Object) event.getPayload()).toList();
        List<Object> streamed = engine.readEvents(null, false).map(event -> (Object) event.getPayload()).toList();

        assertThat(loaded).containsExactlyElementsOf(probes);
        assertThat(streamed).containsExactlyElementsOf(probes);
        // BigDecimal.equals compares scale too; say it outright for the forms that differ only in scale or exponent
        assertThat(loaded).extracting(p -> ((Probe) p).amount().toString())
                .containsExactlyElementsOf(amounts.stream().map(a -> new BigDecimal(a).toString()).toList());
        assertThat(eventStore.readEvents("probe-1").asStream().map(DomainEventMessage::getMetaData).toList())
                .allSatisfy(metaData -> assertThat(metaData).containsExactlyInAnyOrderEntriesOf(
                        Map.of("actor", "测试员 tester 😀", "reason", "quote \" and \\u0041")));
        HashChainVerifier.Report report = new HashChainVerifier(database, EventStoreSettings.defaults()).verifyAll();
        assertThat(report.broken()).isEmpty();
        assertThat(report.eventsChecked()).isEqualTo(probes.size());
    }

    /**
     * The two values that come back in another form, as docs/event-store.md says (no event type has a field that
     * could hold them): a double's negative zero (the message serializer turns floating-point numbers into decimals,
     * which have no negative zero) and, in an untyped field, a decimal with more significant digits than Decimal128
     * holds (stored as its string; a typed BigDecimal field reads it back exactly). Their chains still verify: the
     * hash is computed from the stored form.
     */
    @Test
    void documentsTheTwoValuesThatComeBackInAnotherForm() {
        String tooPrecise = "123456789012345678901234567890.123456789";
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("amount", new BigDecimal(tooPrecise));
        Probe probe = new Probe("负零 negative zero", new BigDecimal(tooPrecise), 0L, 0, -0.0, List.of(), attributes, null);

        MongoEventStorageEngineTest.commit(eventStore,
                new GenericDomainEventMessage<>("Probe", "probe-4", 0, probe, MetaData.with("actor", "alice")));

        Probe loaded = (Probe) eventStore.readEvents("probe-4").next().getPayload();
        assertThat(loaded.amount()).isEqualTo(new BigDecimal(tooPrecise));
        assertThat(Double.doubleToRawLongBits(loaded.ratio())).isEqualTo(Double.doubleToRawLongBits(0.0)); // not -0.0
        assertThat(loaded.attributes().get("amount")).isEqualTo(tooPrecise);
        assertThat(engine.readEvents(null, false).findFirst().orElseThrow().getPayload()).isEqualTo(loaded);
        assertThat(new HashChainVerifier(database, EventStoreSettings.defaults()).verify("probe-4").ok()).isTrue();
    }

    @Test
    void refusesALoneSurrogateBeforeWritingAnythingOfTheCommit() {
        Probe fine = new Probe("好", BigDecimal.ONE, 1L, 1, 1.0, List.of(), Map.of(), null);
        Probe lone = new Probe("名字 \ud800", BigDecimal.ONE, 1L, 1, 1.0, List.of(), Map.of(), null);

        assertThatThrownBy(() -> MongoEventStorageEngineTest.commit(eventStore,
                new GenericDomainEventMessage<>("Probe", "probe-2", 0, fine, MetaData.with("actor", "alice")),
                new GenericDomainEventMessage<>("Probe", "probe-2", 1, lone, MetaData.with("actor", "alice"))))
                .isInstanceOf(UnstorableStringException.class).hasMessageContaining("payload.text");
        assertThatThrownBy(() -> MongoEventStorageEngineTest.commit(eventStore,
                new GenericDomainEventMessage<>("Probe", "probe-3", 0, fine, MetaData.with("actor", "bob \udc00"))))
                .isInstanceOf(UnstorableStringException.class).hasMessageContaining("metadata.actor");

        assertThat(database.getCollection("events").countDocuments()).isZero();
        assertThat(eventStore.readEvents("probe-2").asStream()).isEmpty();
    }
}
