package dev.kehu.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.ContactChanged;
import dev.kehu.events.customer.contact.ContactRemoved;
import dev.kehu.events.customer.lifecycle.CustomerChurned;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.events.customer.order.ValueTier;
import dev.kehu.infra.elasticsearch.ElasticsearchConfiguration;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The projection from real Customer events through a real Axon pooled streaming processor (the
 * event store is Axon's in-memory one; the index is a real node).
 */
@ExtendWith(SharedElasticsearch.class)
class CustomerSearchProjectionTest {

    private static final String ALIAS = "projection_customers";

    private final TokenStore tokens = new InMemoryTokenStore();
    private SearchFixtures.LiveCustomerIndex live;
    private ElasticsearchClient client;
    private CustomerSearch search;
    private EmbeddedEventStore eventStore;

    @BeforeEach
    void createTheIndex() throws IOException {
        live = new SearchFixtures.LiveCustomerIndex(ALIAS);
        client = live.client;
        search = live.search;
        eventStore = live.eventStore;
    }

    @AfterEach
    void stopAndDelete() throws IOException {
        live.close();
    }

    private PooledStreamingEventProcessor startProcessor(ElasticsearchClient writerClient) {
        return live.start(CustomerSearchProjection.PROCESSING_GROUP, new CustomerSearchWriter(writerClient, ALIAS), tokens, 2);
    }

    private final Map<String, Long> sequences = new java.util.HashMap<>();

    private void publish(String customerId, Object event) {
        long sequence = sequences.merge(customerId, 0L, (previous, ignored) -> previous + 1);
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customerId, sequence, event));
    }

    private static CustomerProfile profile(String chineseName, String latinName, String region, String mobile) {
        return new CustomerProfile(chineseName, latinName, null, mobile == null ? null : Phone.of(mobile), null,
                "制造", region, null, null, List.of("重点"), List.of(), Map.of(), null);
    }

    private List<String> idsFor(String query) {
        return search.search(CustomerSearchCriteria.text(query)).hits().stream().map(CustomerSearchResult.Hit::customerId).toList();
    }

    @Test
    void makesRegisteredCustomersAndTheirContactsSearchable() {
        startProcessor(client);
        publish("p1", new CustomerRegistered("p1", CustomerKind.COMPANY, profile("杭州海康科技有限公司", "Hikon Tech", "华东", null)));
        publish("p1", new ContactAdded("p1", new ContactCard("k1", "欧阳娜娜", "采购经理",
                List.of(Phone.of("+86 186 1111 2222")), List.of("nana@hikon.cn"), null)));
        publish("p1", new AccountManagerAssigned("p1", "li.lei", null, "新客户"));
        publish("p1", new CustomerTierChanged("p1", ValueTier.NONE, ValueTier.GOLD, null, null, null, null));

        // the four events may reach the processor in more than one batch (a busy machine): wait for the last one
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(idsFor("oynn")).containsExactly("p1");
            assertThat(search.search(CustomerSearchCriteria.text("186-1111-2222")).hits())
                    .extracting(CustomerSearchResult.Hit::tier).containsExactly("GOLD");
        });
        CustomerSearchResult.Hit hit = search.search(CustomerSearchCriteria.text("186-1111-2222")).hits().get(0);
        assertThat(hit.customerId()).isEqualTo("p1");
        assertThat(hit.manager()).isEqualTo("li.lei");
        assertThat(hit.tier()).isEqualTo("GOLD");
        assertThat(hit.lifecycle()).isEqualTo("PROSPECT");
        assertThat(hit.matchedContacts()).extracting(CustomerSearchResult.MatchedContact::name).containsExactly("欧阳娜娜");
    }

    @Test
    void followsContactChangesAndRemovals() {
        startProcessor(client);
        publish("p2", new CustomerRegistered("p2", CustomerKind.COMPANY, profile("苏州精密机械有限公司", null, "华东", null)));
        publish("p2", new ContactAdded("p2", new ContactCard("k1", "王芳", null, List.of(Phone.of("13511112222")), List.of(), null)));
        publish("p2", new ContactChanged("p2", new ContactCard("k1", "王芳", null, List.of(Phone.of("13533334444")), List.of(), null)));
        publish("p2", new ContactAdded("p2", new ContactCard("k2", "李雷", null, List.of(), List.of(), null)));
        publish("p2", new ContactRemoved("p2", "k2"));

        // the events may reach the processor in more than one batch (a busy machine): wait for the last one
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<?, ?> source = client.get(get -> get.index(ALIAS).id("p2"), Map.class).source();
            assertThat(source).isNotNull();
            assertThat(((Number) source.get("lastSequence")).longValue()).isEqualTo(4);
        });
        // a get by id is real-time, a search sees the document only after the index refreshes
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(idsFor("13533334444")).containsExactly("p2");
            assertThat(idsFor("李雷")).isEmpty();
            assertThat(idsFor("13511112222")).isEmpty();
            assertThat(idsFor("王芳")).containsExactly("p2");
        });
    }

    @Test
    void hidesMergedCustomersAndMarksChurnedOnes() {
        startProcessor(client);
        publish("p3", new CustomerRegistered("p3", CustomerKind.COMPANY, profile("武汉光谷生物有限公司", null, "华中", null)));
        publish("p4", new CustomerRegistered("p4", CustomerKind.COMPANY, profile("武汉光谷生物有限公司", null, "华中", null)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(idsFor("光谷生物")).containsExactlyInAnyOrder("p3", "p4"));

        publish("p4", new CustomerMerged("p4", "p3"));
        publish("p3", new CustomerChurned("p3", "价格", "竞争对手甲"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(idsFor("光谷生物")).containsExactly("p3"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(search.search(CustomerSearchCriteria.text("光谷生物")).hits().get(0).churned()).isTrue());
    }

    @Test
    void changesNothingWhenAllEventsAreReplayed() throws Exception {
        PooledStreamingEventProcessor processor = startProcessor(client);
        publish("p5", new CustomerRegistered("p5", CustomerKind.INDIVIDUAL, profile("单伟", null, "华北", "010-12345678")));
        publish("p5", new AccountManagerAssigned("p5", "wang.fang", null, "分配"));
        publish("p5", new CustomerChurned("p5", "搬家", null));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored("p5").version()).isEqualTo(2L));
        Map<?, ?> before = stored("p5").source();

        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream()
                        .allMatch(status -> status.getCurrentPosition().orElse(-1) >= 2));

        GetResponse<Map> after = stored("p5");
        assertThat(after.version()).isEqualTo(2L);
        assertThat(after.source()).isEqualTo(before);
    }

    @Test
    void catchesUpAfterElasticsearchWasDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PooledStreamingEventProcessor down = startProcessor(ElasticsearchConfiguration.client(
                ElasticsearchConfiguration.restClient("http://127.0.0.1:" + closedPort)));
        publish("p6", new CustomerRegistered("p6", CustomerKind.COMPANY, profile("青岛海尔电器有限公司", "Haier", "华东", null)));
        publish("p6", new AccountManagerAssigned("p6", "chen.jie", null, "分配"));
        Thread.sleep(1500);
        down.shutDown();
        assertThat(idsFor("海尔")).isEmpty();

        startProcessor(client);

        // both events, which may reach the processor in two batches on a busy machine
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(idsFor("海尔")).containsExactly("p6");
            assertThat(search.search(CustomerSearchCriteria.text("Haier")).hits())
                    .extracting(CustomerSearchResult.Hit::manager).containsExactly("chen.jie");
        });
    }

    @SuppressWarnings("rawtypes")
    private GetResponse<Map> stored(String id) throws IOException {
        return client.get(get -> get.index(ALIAS).id(id), Map.class);
    }
}
