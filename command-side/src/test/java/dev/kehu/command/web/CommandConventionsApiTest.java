package dev.kehu.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.kehu.command.ApiClient;
import dev.kehu.command.ApiClient.Response;
import dev.kehu.command.CommandApiTestSupport;
import dev.kehu.events.MetadataKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The shared command conventions over HTTP: idempotency keys, If-Match, audit metadata. */
class CommandConventionsApiTest extends CommandApiTestSupport {

    @Autowired
    CommandBus commandBus;
    @Autowired
    MongoDatabase database;

    @Test
    void theSameIdempotencyKeyAndBodyReturnsTheFirstResultAndAppendsNothing() {
        String key = "register-" + System.nanoTime();
        Map<String, Object> body = company("北京京东世纪贸易有限公司", freshCreditCode());

        Response first = api.post("/api/customers", body, "Idempotency-Key", key);
        long afterFirst = totalEvents();
        Response second = api.post("/api/customers", body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.raw().body()).isEqualTo(first.raw().body());
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(totalEvents()).isEqualTo(afterFirst);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefusedWith422() {
        String key = "register-" + System.nanoTime();
        api.post("/api/customers", company("北京京东世纪贸易有限公司", freshCreditCode()), "Idempotency-Key", key);
        long before = totalEvents();

        Response other = api.post("/api/customers", company("Acme Trading Ltd", freshCreditCode()), "Idempotency-Key", key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.text("field")).isEqualTo("Idempotency-Key");
        assertThat(other.text("detail")).contains("was already used for a different request");
        assertThat(totalEvents()).isEqualTo(before);
    }

    @Test
    void aFailedRequestReleasesItsIdempotencyKey() {
        String code = freshCreditCode();
        registerCompanyWithCode(code);
        String key = "retry-" + System.nanoTime();

        Response refused = api.post("/api/customers", company("重复公司", code), "Idempotency-Key", key);
        Response retried = api.post("/api/customers", company("重复公司", freshCreditCode()), "Idempotency-Key", key);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(retried.status()).isEqualTo(201);
    }

    @Test
    void aKeyOlderThan24HoursCountsAsUnused() {
        String key = "old-" + System.nanoTime();
        database.getCollection(IdempotencyStore.COLLECTION).insertOne(new Document("_id", key)
                .append("fingerprint", "something else").append("state", "COMPLETED").append("status", 201)
                .append("body", "{}").append("createdAt", Date.from(Instant.now().minus(25, ChronoUnit.HOURS))));

        Response response = api.post("/api/customers", company("北京京东世纪贸易有限公司", freshCreditCode()),
                "Idempotency-Key", key);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void concurrentRequestsWithOneKeyRunTheCommandOnce() throws Exception {
        String key = "concurrent-" + System.nanoTime();
        Map<String, Object> body = company("北京京东世纪贸易有限公司", freshCreditCode());
        long before = totalEvents();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(pool.submit(() -> {
                ApiClient client = new ApiClient(port);
                start.await();
                return client.post("/api/customers", body, "Idempotency-Key", key);
            }));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) {
            responses.add(future.get());
        }
        pool.shutdown();

        assertThat(totalEvents()).isEqualTo(before + 1);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(201, 409));
        assertThat(responses).filteredOn(r -> r.status() == 201).extracting(r -> r.text("id")).containsOnly(
                responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().text("id"));
        assertThat(responses).filteredOn(r -> r.status() == 409)
                .allSatisfy(r -> assertThat(r.text("field")).isEqualTo("Idempotency-Key"));
    }

    @Test
    void aStaleIfMatchVersionIsRefusedWith409AndAppendsNothing() {
        String id = registerCompany("北京京东世纪贸易有限公司");

        Response current = api.put("/api/customers/" + id + "/credit-rating", Map.of("rating", "AA"), "If-Match", "\"0\"");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.header("ETag")).isEqualTo("\"1\"");
        assertThat(current.body().get("version").asLong()).isEqualTo(1);

        Response stale = api.put("/api/customers/" + id + "/credit-rating", Map.of("rating", "B"), "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text("field")).isEqualTo("If-Match");
        assertThat(stale.body().get("expectedVersion").asLong()).isZero();
        assertThat(stale.body().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(stale.text("detail")).isEqualTo(id + " is at version 1, not at version 0 given in If-Match; reload and retry");
        assertThat(eventsOf(id)).hasSize(2);
    }

    @Test
    void theEventsOfOneCommandCarryActorReasonCorrelationAndCausation() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        List<String> commandIds = new CopyOnWriteArrayList<>();
        Registration recording = commandBus.registerDispatchInterceptor(messages -> (index, message) -> {
            commandIds.add(message.getIdentifier());
            return message;
        });
        try {
            Response response = api.post("/api/customers/" + id + "/interactions",
                    Map.of("channel", "CALL", "occurredOn", "2026-11-20", "nextFollowUpOn", "2026-12-01"),
                    "X-Actor", "lisi", "X-Reason", URLEncoder.encode("客户来电询价", StandardCharsets.UTF_8),
                    "X-Correlation-Id", "corr-" + id);
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.header("X-Correlation-Id")).isEqualTo("corr-" + id);
        } finally {
            recording.cancel();
        }

        List<DomainEventMessage<?>> events = eventsOf(id);
        List<DomainEventMessage<?>> ofTheCommand = events.subList(1, events.size());
        assertThat(ofTheCommand).hasSize(2);
        assertThat(commandIds).hasSize(1);
        assertThat(ofTheCommand).allSatisfy(event -> assertThat(event.getMetaData())
                .containsEntry(MetadataKeys.ACTOR, "lisi")
                .containsEntry(MetadataKeys.REASON, "客户来电询价")
                .containsEntry(MetadataKeys.CORRELATION_ID, "corr-" + id)
                .containsEntry(MetadataKeys.CAUSATION_ID, commandIds.get(0))
                .doesNotContainKey(AggregateVersionInterceptor.EXPECTED_VERSION));
        assertThat(events.get(0).getMetaData()).containsEntry(MetadataKeys.ACTOR, "zhangsan")
                .doesNotContainKey(MetadataKeys.REASON);
    }

    @Test
    void aGeneratedCorrelationIdIsReturnedAndRecorded() {
        Response response = api.post("/api/customers", company("Acme Trading Ltd", freshCreditCode()));
        String correlationId = response.header("X-Correlation-Id");
        assertThat(correlationId).isNotBlank();
        assertThat(eventsOf(response.text("id")).get(0).getMetaData())
                .containsEntry(MetadataKeys.CORRELATION_ID, correlationId);
    }

    private void registerCompanyWithCode(String code) {
        assertThat(api.post("/api/customers", company("原公司", code)).status()).isEqualTo(201);
    }
}
