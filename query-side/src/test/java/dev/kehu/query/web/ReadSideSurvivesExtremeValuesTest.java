package dev.kehu.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kehu.query.history.EndpointSweep;
import dev.kehu.query.history.ExtremeHistory;
import dev.kehu.query.projection.ProjectionGroups;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MongoDB read side alone (no Elasticsearch here; the whole read side with both indexes is
 * {@code ReadSideSurvivesAnyHistoryTest} in infra): seeded histories whose optional values are absent
 * or extreme go through every view, every processor reaches the head of the log, and no GET endpoint,
 * with or without filters, on any page, answers 5xx.
 */
@TestPropertySource(properties = {"kehu.query.min-position-wait=100ms", "kehu.projections.batch-size=50"})
class ReadSideSurvivesExtremeValuesTest extends ReadSideWebTest {

    @Test
    void everyViewReachesTheHeadAndNoEndpointFailsWhateverTheValues() throws Exception {
        for (long seed : new long[]{20261207L, 424242L}) {
            List<DomainEventMessage<?>> history = ExtremeHistory.generate(seed, 25, 25, ReadSideTestApplication.TODAY,
                    Instant.parse("2026-01-01T00:00:00Z"));
            history.forEach(eventStore::publish);
            long head = eventStore.createHeadToken().position().orElseThrow();
            awaitHead(head);
            List<String> failures = new EndpointSweep(port).sweep(history, false);
            assertThat(failures).as("seed " + seed).isEmpty();
        }
        JsonNode status = new ObjectMapper().readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/projections")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        long head = eventStore.createHeadToken().position().orElseThrow();
        for (String group : ProjectionGroups.ALL) {
            assertThat(status.get(group).get("position").asLong()).as(group).isEqualTo(head);
            assertThat(status.get(group).get("lag").asLong()).as(group).isZero();
            assertThat(status.get(group).has("skipped")).as(group).isTrue();
        }
    }

    private void awaitHead(long head) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (positions.position(ProjectionGroups.ALL) < head) {
            assertThat(System.nanoTime()).as("every view reaches position %d: %s", head, positions.status(ProjectionGroups.ALL))
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
