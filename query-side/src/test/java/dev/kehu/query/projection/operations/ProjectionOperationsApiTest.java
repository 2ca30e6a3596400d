package dev.kehu.query.projection.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.Money;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.Stage;
import dev.kehu.query.customerlist.CustomerListProjection;
import dev.kehu.query.web.ReadSideWebTest;
import dev.kehu.query.pipeline.PipelineProjection;
import dev.kehu.query.projection.ProjectionGroups;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projection operations over HTTP on the read side with the embedded MongoDB server: every group
 * listed with its dead letters and pause state; a paused group stops while the others go on and
 * catches up on resume; a replay moves the token back and leaves the view as it was; a poison event
 * is parked, listed, retried (still failing: one attempt more) and skipped with reason and actor, after
 * which the event queued behind it is retried; bad names, parameters and headers answer 4xx problem+json.
 */
@TestPropertySource(properties = {"kehu.query.min-position-wait=100ms", "kehu.projections.batch-size=20"})
class ProjectionOperationsApiTest extends ReadSideWebTest {

    static final Map<String, ?> META = Map.of("actor", "li.na", "correlationId", "ops-1", "causationId", "ops-1");

    @Autowired
    MongoDatabase database;
    @Autowired
    Configuration axon;

    @Test
    void everyGroupIsListedWithItsDeadLettersAndPauseState() throws Exception {
        JsonNode all = send("GET", "/api/projections", null).body();
        List<String> names = new ArrayList<>();
        all.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsAll(ProjectionGroups.ALL);
        for (String group : ProjectionGroups.ALL) {
            assertThat(all.get(group).get("deadLetters").isNumber()).as(group).isTrue();
            assertThat(all.get(group).get("paused").isBoolean()).as(group).isTrue();
            assertThat(all.get(group).has("position")).as(group).isTrue();
        }
        Response one = send("GET", "/api/projections/value", null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("segmentsHere")).hasSize(1);
        assertThat(one.body().get("runningHere").asBoolean()).isTrue();
    }

    @Test
    void aPausedGroupStopsWhileTheOthersGoOnAndCatchesUpOnResume() throws Exception {
        Response paused = send("POST", "/api/projections/customer-list/pause", "%E5%BC%A0%E4%BC%9F");
        assertThat(paused.status()).as(String.valueOf(paused.body())).isEqualTo(200);
        assertThat(paused.body().get("paused").asBoolean()).isTrue();
        assertThat(paused.body().get("pausedBy").asText()).isEqualTo("张伟");
        awaitStopped("customer-list");

        long position = register("c-pause-1", "杭州阿里巴巴网络技术有限公司");
        await(ProjectionGroups.CUSTOMER_360, position);
        Thread.sleep(300);
        assertThat(positions.position(ProjectionGroups.CUSTOMER_LIST)).as("paused").isLessThan(position);
        assertThat(database.getCollection(CustomerListProjection.COLLECTION).find(Filters.eq("_id", "c-pause-1")).first()).isNull();

        Response resumed = send("POST", "/api/projections/customer-list/resume", "emma.wilson");
        assertThat(resumed.body().get("paused").asBoolean()).isFalse();
        await(ProjectionGroups.CUSTOMER_LIST, position);
        assertThat(database.getCollection(CustomerListProjection.COLLECTION).find(Filters.eq("_id", "c-pause-1")).first()
                .getString("name")).isEqualTo("杭州阿里巴巴网络技术有限公司");
    }

    @Test
    void aReplayMovesTheTokenBackAndLeavesTheViewAsItWas() throws Exception {
        long first = register("c-replay-1", "Shanghai Lujiazui Finance Ltd");
        register("c-replay-2", "深圳腾讯计算机系统有限公司");
        long head = eventStore.createHeadToken().position().orElseThrow();
        await(ProjectionGroups.VALUE, head);
        Document before = database.getCollection("value_customers").find(Filters.eq("_id", "c-replay-1")).first();
        assertThat(before).isNotNull();

        // on a paused group: the token is moved back and the group stays paused
        assertThat(send("POST", "/api/projections/value/pause", "ops.bot").status()).isEqualTo(200);
        Response replay = send("POST", "/api/projections/value/replay?fromPosition=" + first, "ops.bot");
        assertThat(replay.status()).as(String.valueOf(replay.body())).isEqualTo(200);
        assertThat(replay.body().get("segments").asInt()).isEqualTo(1);
        assertThat(replay.body().get("status").get("lastReplay").get("fromPosition").asLong()).isEqualTo(first);
        assertThat(replay.body().get("status").get("lastReplay").get("by").asText()).isEqualTo("ops.bot");
        assertThat(replay.body().get("status").get("paused").asBoolean()).isTrue();
        TrackingToken token = axon.eventProcessingConfiguration().tokenStore(ProjectionGroups.VALUE).fetchToken(ProjectionGroups.VALUE, 0);
        axon.eventProcessingConfiguration().tokenStore(ProjectionGroups.VALUE).releaseClaim(ProjectionGroups.VALUE, 0);
        assertThat(token).isInstanceOf(ReplayToken.class);
        assertThat(WrappedToken.unwrapLowerBound(token).position().orElseThrow()).isEqualTo(first - 1);

        assertThat(send("POST", "/api/projections/value/resume", "ops.bot").status()).isEqualTo(200);
        awaitToken(ProjectionGroups.VALUE, head);
        assertThat(database.getCollection("value_customers").find(Filters.eq("_id", "c-replay-1")).first()).isEqualTo(before);

        // on a running group: paused for the replay, running again after it
        Response running = send("POST", "/api/projections/value/replay?fromPosition=0", "ops.bot");
        assertThat(running.status()).as(String.valueOf(running.body())).isEqualTo(200);
        assertThat(running.body().get("status").get("paused").asBoolean()).isFalse();
        awaitToken(ProjectionGroups.VALUE, head);
        assertThat(send("GET", "/api/projections/value", null).body().get("runningHere").asBoolean()).isTrue();
        assertThat(database.getCollection("value_customers").find(Filters.eq("_id", "c-replay-1")).first()).isEqualTo(before);
    }

    @Test
    void aPoisonEventIsParkedListedRetriedAndSkippedWithReasonAndActor() throws Exception {
        register("c-poison", "Emma Wilson Consulting");
        eventStore.publish(new GenericDomainEventMessage<>("Opportunity", "o-poison", 0, new OpportunityOpened("o-poison", "c-poison",
                "净水设备采购项目", cny("90000"), LocalDate.of(2026, 12, 30), "展会", "li.na", OpportunityPriority.KEY, null, 10), META));
        eventStore.publish(new GenericDomainEventMessage<>("Opportunity", "o-poison", 1,
                new OpportunityAmountChanged("o-poison", cny("90000"), cny("70000")), META));
        long head = eventStore.createHeadToken().position().orElseThrow();
        await(ProjectionGroups.PIPELINE, head);

        JsonNode listed = send("GET", "/api/projections/pipeline/dead-letters", null).body();
        assertThat(listed.get("total").asLong()).isEqualTo(2);
        JsonNode head0 = listed.get("deadLetters").get(0);
        assertThat(head0.get("eventType").asText()).isEqualTo(OpportunityOpened.class.getName());
        assertThat(head0.get("aggregateId").asText()).isEqualTo("o-poison");
        assertThat(head0.get("attempts").asInt()).isEqualTo(1);
        assertThat(head0.get("cause").get("message").asText()).contains("NullPointerException");
        assertThat(listed.get("deadLetters").get(1).get("queuedBehindEarlierEvent").asBoolean()).isTrue();
        assertThat(send("GET", "/api/projections/pipeline", null).body().get("deadLetters").asLong()).isEqualTo(2);
        String id = head0.get("id").asText();

        JsonNode retried = send("POST", "/api/projections/pipeline/dead-letters/" + id + "/retry", "li.na").body();
        assertThat(retried.get("applied").asBoolean()).isFalse();
        assertThat(retried.get("remaining").asLong()).isEqualTo(2);
        assertThat(send("GET", "/api/projections/pipeline/dead-letters", null).body().get("deadLetters").get(0).get("attempts").asInt())
                .isEqualTo(2);

        Response noReason = send("POST", "/api/projections/pipeline/dead-letters/" + id + "/skip", "li.na");
        assertProblem(noReason, 400, "X-Reason");
        Response skipped = send("POST", "/api/projections/pipeline/dead-letters/" + id + "/skip", "li.na",
                "X-Reason", "%E9%98%B6%E6%AE%B5%E7%BC%BA%E5%A4%B1 stage missing, re-entered by sales");
        assertThat(skipped.status()).as(String.valueOf(skipped.body())).isEqualTo(200);
        Document record = database.getCollection(DeadLetterOperations.SKIPS).find(Filters.eq("eventId", id)).first();
        assertThat(record.getString("skippedBy")).isEqualTo("li.na");
        assertThat(record.getString("reason")).isEqualTo("阶段缺失 stage missing, re-entered by sales");
        assertThat(record.getString("processingGroup")).isEqualTo("pipeline");
        assertThat(send("GET", "/api/projections/pipeline", null).body().get("deadLetters").asLong()).isEqualTo(1);

        JsonNode all = send("POST", "/api/projections/pipeline/dead-letters/retry", "li.na").body();
        assertThat(all.get("sequencesApplied").asInt()).isEqualTo(1);
        assertThat(all.get("remaining").asLong()).isZero();
        assertThat(database.getCollection(PipelineProjection.OPPORTUNITIES).find(Filters.eq("_id", "o-poison")).first())
                .as("the amount change applies to no opportunity: its opening was skipped").isNull();
    }

    @Test
    void badNamesParametersAndHeadersAnswerProblemJson() throws Exception {
        assertProblem(send("GET", "/api/projections/no-such-view", null), 404, null);
        assertProblem(send("POST", "/api/projections/no-such-view/pause", "li.na"), 404, null);
        assertProblem(send("POST", "/api/projections/risk/pause", null), 400, "X-Actor");
        assertProblem(send("POST", "/api/projections/risk/pause", "%FF"), 400, "X-Actor");
        assertProblem(send("POST", "/api/projections/risk/replay", "li.na"), 400, "fromPosition");
        assertProblem(send("POST", "/api/projections/risk/replay?fromPosition=abc", "li.na"), 400, "fromPosition");
        assertProblem(send("POST", "/api/projections/risk/replay?fromPosition=-1", "li.na"), 400, "fromPosition");
        assertProblem(send("POST", "/api/projections/risk/replay?fromPosition=99999999", "li.na"), 400, "fromPosition");
        assertProblem(send("GET", "/api/projections/risk/dead-letters?limit=0", null), 400, "limit");
        assertProblem(send("POST", "/api/projections/risk/dead-letters/e-unknown/retry", "li.na"), 404, null);
        assertProblem(send("POST", "/api/projections/risk/dead-letters/e-unknown/skip", "li.na", "X-Reason", "why"), 404, null);
        JsonNode risk = send("GET", "/api/projections/risk", null).body();
        assertThat(risk.get("paused").asBoolean()).as("nothing changed").isFalse();
        assertThat(risk.has("lastReplay")).isFalse();
    }

    private void assertProblem(Response response, int status, String parameter) {
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("detail").asText()).isNotBlank();
        if (parameter != null) {
            assertThat(response.body().get("parameter").asText()).isEqualTo(parameter);
        }
    }

    private long register(String customerId, String name) {
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customerId, 0, new CustomerRegistered(customerId, CustomerKind.COMPANY,
                new CustomerProfile(name, null, null, null, null, "水务设备", "华东区", "business", "展会", List.of("重点客户"),
                        List.of(), Map.of(), null)), META));
        return eventStore.createHeadToken().position().orElseThrow();
    }

    private static Money cny(String amount) {
        return new Money(new BigDecimal(amount), "CNY");
    }

    private void await(String group, long position) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (positions.position(group) < position) {
            assertThat(System.nanoTime()).as(group + " reaches " + position).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Until the processor is not running and has released its segment. */
    private void awaitStopped(String group) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode status;
        while ((status = send("GET", "/api/projections/" + group, null).body()).get("runningHere").asBoolean()
                || !status.get("segmentsHere").isEmpty()) {
            assertThat(System.nanoTime()).as(group + " stops").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Until the group's processor in this instance (not the recorded position, which never goes back) is at {@code position}. */
    private void awaitToken(String group, long position) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var segments = axon.eventProcessingConfiguration().eventProcessor(group, StreamingEventProcessor.class).orElseThrow()
                    .processingStatus().values();
            if (!segments.isEmpty() && segments.stream().allMatch(s -> s.getCurrentPosition().orElse(-1) >= position)) {
                return;
            }
            assertThat(System.nanoTime()).as(group + " processes up to " + position + ": " + segments + " running " + axon.eventProcessingConfiguration().eventProcessor(group, StreamingEventProcessor.class).orElseThrow().isRunning()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
