package dev.kehu.query.projection.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.web.ReadSideWebTest;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.web.ReadSideTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST/DELETE /api/projections/{name}/rebuild} over HTTP on the read side with the embedded server: a rebuild
 * runs beside the live view, shows its progress, switches the queries to the new version (which answer as before),
 * drops the old one; a cancel drops what it built; an unknown name, a rebuild already running, nothing to cancel and a
 * missing actor answer 4xx problem+json and change nothing.
 */
@TestPropertySource(properties = {"kehu.projections.rebuild.chunk-size=40",
        "kehu.projections.rebuild.chunk-pause=60ms", "kehu.projections.rebuild.grace-period=0s",
        "kehu.projections.rebuild.check-every=200ms"})
class ProjectionRebuildApiTest extends ReadSideWebTest {

    @Autowired
    ViewVersions versions;

    @BeforeEach
    void history() throws Exception {
        if (eventStore.createHeadToken() == null) {
            SeededHistory.generate(23, 1_500, ReadSideTestApplication.TODAY).events().forEach(event -> eventStore.publish(event));
        }
        long head = eventStore.createHeadToken().position().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (positions.position(ProjectionGroups.ALL) < head) {
            assertThat(System.nanoTime()).as("caught up").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aRebuildRunsBesideTheLiveViewShowsItsProgressAndSwitchesTheQueries() throws Exception {
        String before = send("GET", "/api/customers?limit=500&sort=name", null).body().get("items").toString();

        Response started = send("POST", "/api/projections/customer-list/rebuild", "%E7%8E%8B%E8%8A%B3"); // 王芳
        assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(202);
        assertThat(started.body().get("version").asInt()).as("queries keep reading the live version").isZero();
        assertThat(started.body().get("rebuild").get("state").asText()).isEqualTo("RUNNING");
        assertThat(started.body().get("rebuild").get("requestedBy").asText()).isEqualTo("王芳");

        Response again = send("POST", "/api/projections/customer-list/rebuild", "emma.wilson");
        assertProblem(again, 409, "projection-operation-refused");
        assertThat(again.body().get("projection").asText()).isEqualTo("customer-list");

        JsonNode progress = send("GET", "/api/projections/customer-list", null).body();
        assertThat(progress.get("version").asInt()).isZero();
        JsonNode rebuild = progress.get("rebuild");
        assertThat(rebuild.get("headPosition").asLong()).isEqualTo(eventStore.createHeadToken().position().orElseThrow());
        for (String field : List.of("position", "percentDone", "eventsPerSecond", "etaSeconds")) {
            assertThat(rebuild.has(field)).as(field).isTrue();
        }
        assertThat(rebuild.get("percentDone").asDouble()).isBetween(0.0, 100.0);

        JsonNode done = awaitRebuild("customer-list", "DONE");
        assertThat(done.get("version").asInt()).isEqualTo(1);
        assertThat(done.get("rebuild").get("percentDone").asDouble()).isEqualTo(100.0);
        assertThat(versions.refresh().versions()).containsEntry(ProjectionGroups.CUSTOMER_LIST, 1);
        assertThat(send("GET", "/api/customers?limit=500&sort=name", null).body().get("items").toString())
                .as("the new version answers as the old one did").isEqualTo(before);
    }

    @Test
    void aCancelledRebuildDropsWhatItBuiltAndTheQueriesStayOnTheLiveVersion() throws Exception {
        assertThat(send("POST", "/api/projections/worklist/rebuild", "li.na").status()).isEqualTo(202);
        Response cancelled = send("DELETE", "/api/projections/worklist/rebuild", "li.na");
        assertThat(cancelled.status()).as(String.valueOf(cancelled.body())).isEqualTo(200);
        assertThat(cancelled.body().get("rebuild").get("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().get("rebuild").get("cancelledBy").asText()).isEqualTo("li.na");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (versions.database().listCollectionNames().into(new java.util.ArrayList<>()).contains("worklist_customers_v1")) {
            assertThat(System.nanoTime()).as("new collections dropped").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(send("GET", "/api/projections/worklist", null).body().get("version").asInt()).isZero();
        assertProblem(send("DELETE", "/api/projections/worklist/rebuild", "li.na"), 409, "projection-operation-refused");
    }

    @Test
    void badInputAnswersProblemJsonAndChangesNothing() throws Exception {
        Response unknown = send("POST", "/api/projections/no-such-view/rebuild", "li.na");
        assertProblem(unknown, 404, "unknown-projection");
        assertThat(unknown.body().get("projection").asText()).isEqualTo("no-such-view");
        assertProblem(send("DELETE", "/api/projections/no-such-view/rebuild", "li.na"), 404, "unknown-projection");
        Response noActor = send("POST", "/api/projections/value/rebuild", null);
        assertProblem(noActor, 400, "invalid-query-parameter");
        assertThat(noActor.body().get("parameter").asText()).isEqualTo("X-Actor");
        assertProblem(send("DELETE", "/api/projections/value/rebuild", "li.na"), 409, "projection-operation-refused");
        assertThat(versions.database().getCollection(ViewVersions.COLLECTION).countDocuments(new org.bson.Document("_id", "no-such-view")))
                .isZero();
        JsonNode value = send("GET", "/api/projections/value", null).body();
        assertThat(value.get("version").asInt()).isZero();
        assertThat(value.get("rebuild").isNull()).as("no rebuild started").isTrue();
    }

    private JsonNode awaitRebuild(String group, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status;
        while (!(status = send("GET", "/api/projections/" + group, null).body()).get("rebuild").get("state").asText().equals(state)) {
            assertThat(System.nanoTime()).as(group + " " + state + ": " + status).isLessThan(deadline);
            Thread.sleep(50);
        }
        return status;
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("code").asText()).isEqualTo(code);
    }
}
