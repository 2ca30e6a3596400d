package dev.kehu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.kehu.command.web.IdempotencyStore;
import dev.kehu.command.web.IdempotentRequestInProgress;

/**
 * An Idempotency-Key whose first request died mid-flight, on the whole application and the embedded server
 * ({@code in-progress-timeout} 2 s here). The dead request is simulated by leaving its key's document as a process
 * killed at that point leaves it: in progress, older than the timeout, with or without the commit it recorded just
 * before appending.
 */
@TestPropertySource(properties = "kehu.command.idempotency.in-progress-timeout=2s")
class IdempotencyRecoveryTest extends WholeApplicationTest {

    private static final String CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @Autowired
    IdempotencyStore store;

    Api api;
    MongoCollection<Document> keys;

    @BeforeEach
    void client() {
        api = Api.signedIn(port, context, "e2e.reader");
        // the callers exist before any test counts events (creating a user appends its UserCreated)
        for (String caller : List.of("ma.huateng", "lei.jun", "张一鸣", "x", "jack.ma")) {
            api.as(caller);
        }
        keys = database.getCollection(IdempotencyStore.COLLECTION);
    }

    @Test
    void aKeyWhoseRequestDiedBeforeCommittingIsHeldUntilTheTimeoutThenRunsTheNextRequestOnce() {
        String key = "died-early-" + UUID.randomUUID();
        keys.insertOne(new Document("_id", key).append("claim", UUID.randomUUID().toString())
                .append("fingerprint", "the dead request's").append("state", "IN_PROGRESS")
                .append("createdAt", new Date()).append("status", 201));
        Map<String, Object> body = company("深圳市腾讯计算机系统有限公司 Shenzhen Tencent");
        long before = storedEvents();

        // within the timeout the key still belongs to the (dead) request, here a different one
        Api.Response early = api.as("ma.huateng").post("/api/customers", body, "Idempotency-Key", key);
        assertThat(early.status()).as(early.toString()).isEqualTo(422);
        assertThat(early.body().get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(storedEvents()).isEqualTo(before);

        makeOlderThanTheTimeout(key);
        Api.Response retried = api.as("ma.huateng").post("/api/customers", body, "Idempotency-Key", key);
        Api.Response again = api.as("ma.huateng").post("/api/customers", body, "Idempotency-Key", key);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.raw().body()).isEqualTo(retried.raw().body());
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void theSameRequestIsToldToWaitWhileItsFirstRunIsInProgressAndRunsAgainOnceThatDiedWithoutCommitting() {
        Api.Response registered = api.as("lei.jun").post("/api/customers", company("小米科技有限责任公司 Xiaomi"));
        String path = "/api/customers/" + registered.body().get("id").asString() + "/tier-evaluations";
        String key = "in-progress-" + UUID.randomUUID();
        Api.Response first = api.as("lei.jun").post(path, Map.of(), "Idempotency-Key", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        // the same request is running (its claim fresh, nothing committed yet)
        keys.updateOne(Filters.eq("_id", key), Updates.combine(Updates.set("state", "IN_PROGRESS"),
                Updates.unset("body"), Updates.unset("etag"), Updates.unset("commit"),
                Updates.set("createdAt", new Date())));

        Api.Response whileRunning = api.as("lei.jun").post(path, Map.of(), "Idempotency-Key", key);
        assertThat(whileRunning.status()).as(whileRunning.toString()).isEqualTo(409);
        assertThat(whileRunning.body().get("field").asString()).isEqualTo("Idempotency-Key");

        makeOlderThanTheTimeout(key); // ... and then died
        Api.Response retried = api.as("lei.jun").post(path, Map.of(), "Idempotency-Key", key);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(retried.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(keys.find(Filters.eq("_id", key)).first().getString("state")).isEqualTo("COMPLETED");
    }

    @Test
    void aKeyWhoseRequestDiedAfterCommittingAnswersTheFirstResultAndAppendsNothing() {
        String key = "died-late-" + UUID.randomUUID();
        Map<String, Object> body = company("北京字节跳动科技有限公司 Beijing ByteDance");
        Api.Response first = api.as("张一鸣").post("/api/customers", body, "Idempotency-Key", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Document recorded = keys.find(Filters.eq("_id", key)).first().get("commit", Document.class);
        assertThat(recorded.getString("lastEventId")).isNotBlank();
        assertThat(recorded.getString("body")).contains("\"position\":null");
        // the process dies after its commit landed, before it stored the response
        keys.updateOne(Filters.eq("_id", key), Updates.combine(Updates.set("state", "IN_PROGRESS"),
                Updates.unset("body"), Updates.unset("etag")));
        makeOlderThanTheTimeout(key);
        long before = storedEvents();

        Api.Response retried = api.as("张一鸣").post("/api/customers", body,
                "Idempotency-Key", key);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.body()).isEqualTo(first.body()); // id, version and the commit's position
        assertThat(retried.body().get("position").asLong()).isPositive();
        assertThat(retried.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retried.header("Location")).isEqualTo(first.header("Location"));
        assertThat(storedEvents()).isEqualTo(before);
        // a different request with that key is still refused
        Api.Response other = api.as("x").post("/api/customers", company("别的公司 another company"),
                "Idempotency-Key", key);
        assertThat(other.status()).isEqualTo(422);
    }

    @Test
    void aKeyWhoseRequestDiedBeforeItsRecordedCommitLandedRunsTheCommand() {
        String key = "died-mid-" + UUID.randomUUID();
        Map<String, Object> body = company("杭州阿里巴巴网络技术有限公司 Hangzhou Alibaba");
        keys.insertOne(new Document("_id", key).append("claim", UUID.randomUUID().toString())
                .append("fingerprint", "the dead request's").append("state", "IN_PROGRESS")
                .append("createdAt", Date.from(Instant.now().minusSeconds(5))).append("status", 201)
                .append("commit", new Document("lastEventId", UUID.randomUUID().toString())
                        .append("body", "{\"id\":\"never\",\"version\":0,\"position\":null}").append("etag", "\"0\"")));
        long before = storedEvents();

        Api.Response retried = api.as("jack.ma").post("/api/customers", body, "Idempotency-Key", key);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(retried.body().get("id").asString()).isNotEqualTo("never");
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void aRequestWhoseClaimWasTakenOverCannotRecordItsCommit() {
        String key = "taken-over-" + UUID.randomUUID();
        IdempotencyStore.Acquired mine = (IdempotencyStore.Acquired) store.claim(key, "fp", 200, null);
        keys.deleteOne(Filters.eq("_id", key)); // a retry took it over after the timeout...
        IdempotencyStore.Acquired theirs = (IdempotencyStore.Acquired) store.claim(key, "fp", 200, null);

        assertThatThrownBy(() -> store.recordCommit(key, mine.claimId(), "e-1", "{}", "\"1\""))
                .isInstanceOf(IdempotentRequestInProgress.class);
        store.recordCommit(key, theirs.claimId(), "e-2", "{}", "\"1\"");
        assertThat(keys.find(Filters.eq("_id", key)).first().get("commit", Document.class).getString("lastEventId"))
                .isEqualTo("e-2");
    }

    private void makeOlderThanTheTimeout(String key) {
        keys.updateOne(Filters.eq("_id", key), Updates.set("createdAt", Date.from(Instant.now().minusSeconds(5))));
    }

    private long storedEvents() {
        return database.getCollection("events").countDocuments();
    }

    private static Map<String, Object> company(String name) {
        StringBuilder code = new StringBuilder("91440300");
        for (int i = 0; i < 10; i++) {
            code.append(CODE_CHARS.charAt(ThreadLocalRandom.current().nextInt(CODE_CHARS.length())));
        }
        return Map.of("kind", "COMPANY", "chineseName", name, "creditCode", code.toString(),
                "industry", "互联网 internet", "region", "华南 South China");
    }
}
