package dev.kehu.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kehu.KehuApplication;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.infra.elasticsearch.SharedServers;
import dev.kehu.infra.security.Role;
import dev.kehu.infra.security.TestUsers;
import dev.kehu.query.history.EndpointSweep;
import dev.kehu.query.history.ExtremeHistory;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.SkippedEvents;
import dev.kehu.query.reporting.OpportunityReportingConfiguration;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The whole read side of the real application (every MongoDB view, the customer search and the
 * opportunity reporting index on the shared Elasticsearch node) survives any history the event store
 * can hold: seeded histories ({@link ExtremeHistory}) whose optional values are absent or extreme
 * (amounts 0, negative, 1E+30, 1E+2147483647, 1E-2147483647; years -999999999 and +999999999;
 * empty, 60 KB, Chinese and emoji strings) are appended to the MongoDB event store as an old store or
 * an import would have them. Afterwards every processor's stored token is at the head of the log,
 * {@code GET /api/projections} shows no lag and the skip counts, and no GET endpoint of the read side,
 * with or without filters, on any page, answers 5xx.
 */
@SpringBootTest(classes = KehuApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kehu.projections.batch-size=50"})
@SharedServers
@DirtiesContext
class ReadSideSurvivesAnyHistoryTest {

    private static final LocalDate TODAY = LocalDate.now();
    private static final long[] SEEDS = {20261207L};
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNumberLength(100_000).build()).build());

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    MongoDatabase database;
    @Autowired
    ApplicationContext context;

    @Test
    void everyProcessorReachesTheHeadAndNoEndpointFailsWhateverTheHistoryHolds() throws Exception {
        long started = System.nanoTime();
        int requests = 0;
        long hugeOpportunities = 0;
        for (long seed : SEEDS) {
            List<DomainEventMessage<?>> history = ExtremeHistory.generate(seed, 16, 16, TODAY, Instant.now().minus(Duration.ofDays(30)));
            for (int i = 0; i < history.size(); i += 25) {
                eventStore.publish(history.subList(i, Math.min(history.size(), i + 25)));
            }
            hugeOpportunities += history.stream().filter(e -> e.getPayload() instanceof OpportunityOpened opened
                    && opened.amount().amount().scale() == -2147483647).count();
            long head = eventStore.createHeadToken().position().orElseThrow();
            long appended = System.nanoTime();
            awaitEveryProcessorAt(head, Duration.ofSeconds(90));
            long caughtUp = System.nanoTime();

            EndpointSweep sweep = new EndpointSweep(port, TestUsers.basic(context, "auditor.sweep", Role.AUDITOR, Role.ADMIN));
            assertThat(sweep.sweep(history, true)).as("seed %d", seed).isEmpty();
            requests += sweep.requests();
            System.out.printf("seed %d: %d events, every processor at the head %d ms after the append, %d requests in %d ms%n",
                    seed, history.size(), (caughtUp - appended) / 1_000_000, sweep.requests(), (System.nanoTime() - caughtUp) / 1_000_000);
        }

        long head = eventStore.createHeadToken().position().orElseThrow();
        JsonNode status = JSON.readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/projections"))
                        .header("Authorization", TestUsers.basic(context, "auditor.sweep", Role.AUDITOR, Role.ADMIN)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> groups = new java.util.ArrayList<>(ProjectionGroups.ALL);
        groups.addAll(ProjectionGroups.ELASTICSEARCH);
        groups.add(dev.kehu.infra.audit.index.AuditIndexProjection.GROUP);
        for (String group : groups) {
            assertThat(status.get(group)).as(group).isNotNull();
            assertThat(status.get(group).get("position").asLong()).as(group).isEqualTo(head);
            assertThat(status.get(group).get("lag").asLong()).as(group).isZero();
            assertThat(status.get(group).get("skipped").asLong()).as(group)
                    .isEqualTo(database.getCollection(SkippedEvents.COLLECTION)
                            .countDocuments(com.mongodb.client.model.Filters.eq("processingGroup", group)));
            assertThat(status.get(group).get("deadLetters").asLong()).as(group)
                    .isEqualTo(database.getCollection(dev.kehu.query.projection.MongoDeadLetterQueue.COLLECTION)
                            .countDocuments(com.mongodb.client.model.Filters.eq("processingGroup", group)));
        }
        // an opportunity of 1E+2147483647 is in the reporting index, counted, its amount left out of the sums
        assertThat(hugeOpportunities).isPositive();
        long indexed = elasticsearch.count(c -> c.index(OpportunityReportingConfiguration.ALIAS)
                .query(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field("amountMinor")))))).count();
        assertThat(indexed).isGreaterThanOrEqualTo(hugeOpportunities);
        System.out.printf("read side survived %d seeds, %d requests, %d skipped and %d parked events, in %d s%n", SEEDS.length, requests,
                database.getCollection(SkippedEvents.COLLECTION).countDocuments(),
                database.getCollection(dev.kehu.query.projection.MongoDeadLetterQueue.COLLECTION).countDocuments(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** Every streaming processor's stored tokens (each segment) are at {@code head}; none is in error. */
    private void awaitEveryProcessorAt(long head, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> behind = behind(head);
        while (!behind.isEmpty()) {
            assertThat(System.nanoTime()).as("processors still behind head %d: %s", head, behind).isLessThan(deadline);
            Thread.sleep(100);
            behind = behind(head);
        }
        for (EventProcessor processor : processing.eventProcessors().values()) {
            assertThat(processor.isRunning()).as(processor.getName()).isTrue();
            assertThat(processor.isError()).as(processor.getName()).isFalse();
        }
    }

    private Map<String, Long> behind(long head) {
        Map<String, Long> behind = new TreeMap<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (!(processor instanceof StreamingEventProcessor)) {
                continue;
            }
            for (int segment : tokenStore.fetchSegments(processor.getName())) {
                TrackingToken token = tokenStore.fetchToken(processor.getName(), segment);
                long position = token == null ? -1 : token.position().orElse(-1);
                if (position < head) {
                    behind.merge(processor.getName(), position, Math::min);
                }
            }
            if (tokenStore.fetchSegments(processor.getName()).length == 0) {
                behind.put(processor.getName(), -1L);
            }
        }
        return behind;
    }
}
