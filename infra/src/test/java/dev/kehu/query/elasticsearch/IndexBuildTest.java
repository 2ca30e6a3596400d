package dev.kehu.query.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.query.search.CustomerSearch;
import dev.kehu.query.search.CustomerSearchCriteria;
import dev.kehu.query.search.CustomerSearchProjection;
import dev.kehu.query.search.CustomerSearchResult;
import dev.kehu.query.search.CustomerSearchWriter;
import dev.kehu.query.search.SearchFixtures;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A search index rebuilt beside the live one ({@link IndexBuild}), on the real node: the customer search projection
 * fills a new index (refresh off while it does) from the whole log as a second processor while searches keep
 * answering from the live index through the alias; the switch moves the alias atomically, restores the refresh
 * interval and deletes the old index, and the new index holds exactly the documents the live one built from scratch.
 */
@ExtendWith(SharedElasticsearch.class)
class IndexBuildTest {

    private static final String ALIAS = "index_build_customers";
    private static final int CUSTOMERS = 40;

    private SearchFixtures.LiveCustomerIndex live;
    private ElasticsearchClient client;
    private VersionedIndex index;
    private CustomerSearch search;
    private EmbeddedEventStore eventStore;
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();

    @BeforeEach
    void createTheIndex() throws IOException {
        live = new SearchFixtures.LiveCustomerIndex(ALIAS);
        client = live.client;
        index = live.index;
        search = live.search;
        eventStore = live.eventStore;
        live.alsoDelete(IndexBuild.indexName(index, 2));
    }

    @AfterEach
    void stopAndDelete() throws IOException {
        live.close();
    }

    @Test
    void aRebuildFillsANewIndexWhileSearchesReadTheOldOneThenTheAliasSwitches() throws Exception {
        index.ensureExists();
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String id = "b" + i;
            CustomerProfile profile = i % 2 == 0
                    ? new CustomerProfile("宁波港务物流有限公司" + i, null, null, null, null, "物流", "华东", null, null,
                    List.of("重点"), List.of(), Map.of(), null)
                    : new CustomerProfile("Harbour Logistics " + i, "Harbour Logistics " + i, null, null, null, "logistics",
                    "华南", null, null, List.of(), List.of(), Map.of(), null);
            events.add(new GenericDomainEventMessage<>("Customer", id, 0,
                    new CustomerRegistered(id, i % 2 == 0 ? CustomerKind.COMPANY : CustomerKind.INDIVIDUAL, profile)));
            events.add(new GenericDomainEventMessage<>("Customer", id, 1,
                    new AccountManagerAssigned(id, i % 3 == 0 ? "li.lei" : "emma.wilson", null, "分配")));
        }
        eventStore.publish(events);
        start(CustomerSearchProjection.PROCESSING_GROUP, ALIAS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(documents(ALIAS)).hasSize(CUSTOMERS));
        String live = index.aliasedIndices().iterator().next();
        Map<String, Object> liveDocuments = documents(ALIAS);

        IndexBuild build = IndexBuild.begin(client, index, 2);
        assertThat(build.name()).isNotEqualTo(live);
        assertThat(refreshInterval(build.name())).isEqualTo("-1");
        AtomicBoolean building = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> wrong = new ArrayList<>();
        Thread searcher = new Thread(() -> {
            while (building.get()) {
                try {
                    List<String> hits = search.search(CustomerSearchCriteria.text("宁波港务物流有限公司10")).hits().stream()
                            .map(CustomerSearchResult.Hit::customerId).toList();
                    if (!hits.contains("b10")) {
                        wrong.add(String.valueOf(hits));
                    }
                    answered.incrementAndGet();
                    Thread.sleep(20);
                } catch (Exception e) {
                    wrong.add(String.valueOf(e));
                    return;
                }
            }
        });
        searcher.start();
        start("customer-search-rebuild-2", build.name());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            client.indices().refresh(request -> request.index(build.name()));
            assertThat(documents(build.name())).hasSize(CUSTOMERS);
        });
        build.switchOver();
        building.set(false);
        searcher.join(10_000);

        assertThat(wrong).as("every search during the build answered from the live index").isEmpty();
        assertThat(answered.get()).isPositive();
        assertThat(index.aliasedIndices()).containsExactly(build.name());
        assertThat(client.indices().exists(request -> request.index(live)).value()).as("old index deleted").isFalse();
        assertThat(refreshInterval(build.name())).isEqualTo("1s");
        assertThat(documents(ALIAS)).as("the rebuilt index equals the one built live from scratch").isEqualTo(liveDocuments);
        assertThat(search.search(CustomerSearchCriteria.text("Harbour Logistics 11")).hits())
                .extracting(CustomerSearchResult.Hit::customerId).contains("b11");
    }

    private void start(String name, String target) {
        live.start(name, new CustomerSearchWriter(client, target), tokens, 2);
    }

    /** Every document of an index (after a refresh): id to source. */
    @SuppressWarnings("rawtypes")
    private Map<String, Object> documents(String target) throws IOException {
        client.indices().refresh(request -> request.index(target));
        Map<String, Object> documents = new HashMap<>();
        client.search(request -> request.index(target).size(1000).query(query -> query.matchAll(all -> all)), Map.class)
                .hits().hits().forEach(hit -> documents.put(hit.id(), hit.source()));
        return documents;
    }

    private String refreshInterval(String target) throws IOException {
        var settings = client.indices().getSettings(request -> request.index(target)).get(target).settings();
        var indexSettings = settings.index() == null ? settings : settings.index();
        return indexSettings.refreshInterval().time();
    }
}
