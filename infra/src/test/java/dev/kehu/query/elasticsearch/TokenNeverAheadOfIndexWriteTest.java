package dev.kehu.query.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.credit.CreditRating;
import dev.kehu.events.customer.credit.CreditRatingSet;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.infra.eventstore.MongoTestServer;
import dev.kehu.infra.tokenstore.MongoTokenStore;
import dev.kehu.query.search.CustomerSearchConfiguration;
import dev.kehu.query.search.CustomerSearchProjection;
import dev.kehu.query.search.CustomerSearchWriter;
import dev.kehu.query.search.SearchFixtures;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The open question of docs/read-side.md: can a search processor store a token ahead of an Elasticsearch write
 * that then fails? The batch here ends with an event the search projection ignores (a credit rating), so the
 * batch's last handled event is not its last event; the index refuses every write (a write block, answered 403,
 * which the writer treats as an outage). The stored token must stay before the batch until the write succeeds,
 * and the document must arrive once the block is lifted. Real Axon pooled streaming processor (the application's
 * segments, {@link FlushAtEndOfBatch} and MongoDB token store), real Elasticsearch node.
 */
@ExtendWith(SharedElasticsearch.class)
class TokenNeverAheadOfIndexWriteTest {

    private static final String ALIAS = "token_ahead_customers";

    // the application's token store, which (unlike Axon's in-memory one) stores a token at once, not after commit
    private final MongoTestServer mongo = new MongoTestServer();
    private final MongoTokenStore tokens = new MongoTokenStore(mongo.newDatabase(), AxonConfiguration.messageSerializer());
    private final AtomicInteger failedBatches = new AtomicInteger();
    private SearchFixtures.LiveCustomerIndex live;
    private ElasticsearchClient client;
    private VersionedIndex index;
    private InMemoryEventStorageEngine engine;
    private EmbeddedEventStore eventStore;

    @BeforeEach
    void createTheIndex() throws IOException {
        live = new SearchFixtures.LiveCustomerIndex(ALIAS);
        client = live.client;
        index = live.index;
        engine = live.engine;
        eventStore = live.eventStore;
    }

    @AfterEach
    void stopAndDelete() throws IOException {
        try {
            live.close();
        } finally {
            mongo.close();
        }
    }

    @Test
    void aFailedWriteKeepsTheTokenBeforeABatchThatEndsWithAnIgnoredEvent() throws Exception {
        blockWrites(true);
        List<EventMessage<?>> batch = new ArrayList<>();
        batch.add(event("t1", 0, new CustomerRegistered("t1", CustomerKind.COMPANY, new CustomerProfile("宁波港务物流有限公司",
                "Ningbo Port Logistics", null, null, null, "物流", "华东", null, null, List.of(), List.of(), Map.of(), null))));
        batch.add(event("t2", 0, new CustomerRegistered("t2", CustomerKind.INDIVIDUAL, new CustomerProfile("Mary Smith",
                null, null, null, null, null, "华南", null, null, List.of(), List.of(), Map.of(), null))));
        // the last event of each customer's sequence (so of each segment's batch) is one the projection ignores
        batch.add(event("t1", 1, new CreditRatingSet("t1", CreditRating.AA, null)));
        batch.add(event("t2", 1, new CreditRatingSet("t2", CreditRating.B, null)));
        eventStore.publish(batch);

        start();
        await().atMost(Duration.ofSeconds(20)).until(() -> failedBatches.get() >= 2);
        Thread.sleep(500); // leave the processor time to store a token it should not
        List<? extends TrackedEventMessage<?>> log = engine.readEvents(null, false).toList();
        int[] segmentIds = tokens.fetchSegments(CustomerSearchProjection.PROCESSING_GROUP);
        assertThat(segmentIds).hasSize(CustomerSearchConfiguration.SEGMENTS);
        for (int segmentId : segmentIds) {
            // a segment may store a token past the other segment's events, never past a write of its own
            Segment segment = Segment.computeSegment(segmentId, segmentIds);
            TrackingToken token = tokens.fetchToken(CustomerSearchProjection.PROCESSING_GROUP, segmentId);
            for (TrackedEventMessage<?> event : log) {
                String customerId = ((DomainEventMessage<?>) event).getAggregateIdentifier();
                if (segment.matches(customerId) && event.getPayload() instanceof CustomerRegistered) {
                    assertThat(token != null && token.covers(event.trackingToken()))
                            .as("segment %d's token %s covers %s while its write fails", segmentId, token, customerId).isFalse();
                }
            }
        }
        assertThat(stored("t1")).isFalse();

        blockWrites(false);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(stored("t1")).isTrue();
            assertThat(stored("t2")).isTrue();
            for (int segmentId : segmentIds) {
                Segment segment = Segment.computeSegment(segmentId, segmentIds);
                TrackingToken token = tokens.fetchToken(CustomerSearchProjection.PROCESSING_GROUP, segmentId);
                for (TrackedEventMessage<?> event : log) {
                    if (segment.matches(((DomainEventMessage<?>) event).getAggregateIdentifier())) {
                        assertThat(token.covers(event.trackingToken())).as("segment %d's token %s", segmentId, token).isTrue();
                    }
                }
            }
        });
    }

    private void start() {
        live.start(CustomerSearchProjection.PROCESSING_GROUP, new CustomerSearchWriter(client, ALIAS), tokens,
                CustomerSearchConfiguration.SEGMENTS, (unitOfWork, chain) -> { // counts failed batches, wherever they failed
                    if (unitOfWork.root().resources().putIfAbsent("countsRollback", true) == null) {
                        unitOfWork.root().onRollback(rolledBack -> failedBatches.incrementAndGet());
                    }
                    return chain.proceed();
                });
    }

    private void blockWrites(boolean block) throws IOException {
        client.indices().putSettings(request -> request.index(index.indexName(1))
                .settings(settings -> settings.blocks(blocks -> blocks.write(block))));
    }

    private boolean stored(String id) throws IOException {
        return client.get(get -> get.index(ALIAS).id(id), Map.class).found();
    }

    private static EventMessage<?> event(String customerId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Customer", customerId, sequence, payload);
    }
}
