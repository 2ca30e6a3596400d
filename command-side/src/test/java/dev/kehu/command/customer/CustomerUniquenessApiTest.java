package dev.kehu.command.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.kehu.command.ApiClient.Response;
import dev.kehu.command.ApiClient;
import dev.kehu.command.CommandApiTestSupport;
import dev.kehu.command.customer.uniqueness.CustomerUniqueness;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.contact.Phone;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Set-wide uniqueness of credit code, individual mobile and e-mail, against a real MongoDB-wire server. */
class CustomerUniquenessApiTest extends CommandApiTestSupport {

    @Autowired
    MongoDatabase database;
    @Autowired
    CustomerUniqueness uniqueness;

    @Test
    void refusesASecondCompanyWithTheSameCreditCodeNamingTheFirst() {
        String code = freshCreditCode();
        String first = api.post("/api/customers", company("北京京东世纪贸易有限公司", code)).text("id");
        long before = totalEvents();

        Response second = api.post("/api/customers", company("京东贸易", code.toLowerCase()));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("field")).isEqualTo("creditCode");
        assertThat(second.text("existingCustomerId")).isEqualTo(first);
        assertThat(second.text("detail")).isEqualTo("a customer with this creditCode is already registered: " + first);
        assertThat(totalEvents()).isEqualTo(before);
    }

    @Test
    void refusesAnIndividualWithTheSameMobileInAnotherFormatOrTheSameEmail() {
        String mobile = freshMobile();
        String email = "lisi." + System.nanoTime() + "@example.com";
        String first = api.post("/api/customers", map("kind", "INDIVIDUAL", "chineseName", "李四", "mobile", mobile,
                "email", email)).text("id");

        Response sameMobile = api.post("/api/customers", map("kind", "INDIVIDUAL", "chineseName", "李四",
                "mobile", "+86 " + mobile.replace("-", " ")));
        assertThat(sameMobile.status()).isEqualTo(409);
        assertThat(sameMobile.text("field")).isEqualTo("mobile");
        assertThat(sameMobile.text("existingCustomerId")).isEqualTo(first);

        Response sameEmail = api.post("/api/customers", map("kind", "INDIVIDUAL", "latinName", "Li Si",
                "email", email.toUpperCase()));
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.text("field")).isEqualTo("email");
        assertThat(sameEmail.text("existingCustomerId")).isEqualTo(first);
    }

    @Test
    void companiesMayShareAContactStyleMobileButIndividualsMayNot() {
        String mobile = freshMobile();
        Map<String, Object> a = company("甲公司", freshCreditCode());
        a.put("mobile", mobile);
        Map<String, Object> b = company("乙公司", freshCreditCode());
        b.put("mobile", mobile);
        assertThat(api.post("/api/customers", a).status()).isEqualTo(201);
        assertThat(api.post("/api/customers", b).status()).isEqualTo(201);
    }

    @Test
    void onlyOneOfManyConcurrentRegistrationsWithOneCreditCodeSucceeds() throws Exception {
        String code = freshCreditCode();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String name = "并发公司" + i;
            futures.add(pool.submit(() -> {
                ApiClient client = new ApiClient(port);
                start.await();
                return client.post("/api/customers", company(name, code));
            }));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) {
            responses.add(future.get());
        }
        pool.shutdown();

        List<Response> created = responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).as(responses.toString()).hasSize(1);
        String winner = created.get(0).text("id");
        assertThat(responses).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(409);
                    assertThat(r.text("existingCustomerId")).isEqualTo(winner);
                });
        assertThat(uniqueness.holderOf("creditCode:" + code)).contains(winner);
    }

    @Test
    void aProfileChangeMovesTheClaimToTheNewCreditCode() {
        String oldCode = freshCreditCode();
        String newCode = freshCreditCode();
        String id = api.post("/api/customers", company("北京京东世纪贸易有限公司", oldCode)).text("id");
        Map<String, Object> profile = company("北京京东世纪贸易有限公司", newCode);
        profile.remove("kind");

        assertThat(api.put("/api/customers/" + id + "/profile", profile).status()).isEqualTo(200);

        assertThat(uniqueness.holderOf("creditCode:" + newCode)).contains(id);
        assertThat(uniqueness.holderOf("creditCode:" + oldCode)).isEmpty();
        assertThat(api.post("/api/customers", company("新公司", oldCode)).status()).isEqualTo(201);
        Response taken = api.post("/api/customers", company("又一家", newCode));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("existingCustomerId")).isEqualTo(id);
    }

    @Test
    void aProfileChangeToAnotherCustomersCreditCodeIsRefusedAndKeepsTheOldClaim() {
        String mine = freshCreditCode();
        String theirs = freshCreditCode();
        String id = api.post("/api/customers", company("甲公司", mine)).text("id");
        String other = api.post("/api/customers", company("乙公司", theirs)).text("id");
        Map<String, Object> profile = company("甲公司", theirs);
        profile.remove("kind");

        Response refused = api.put("/api/customers/" + id + "/profile", profile);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("existingCustomerId")).isEqualTo(other);
        assertThat(uniqueness.holderOf("creditCode:" + mine)).contains(id);
        assertThat(payloadsOf(id)).hasSize(1);
    }

    @Test
    void aFailedCommandReleasesTheClaimsItTook() {
        String mobile = freshMobile();
        CustomerProfile profile = new CustomerProfile("王五", null, null, Phone.of(mobile), null, null, null, null,
                null, null, null, null, null);

        assertThatThrownBy(() -> uniqueness.register("failing-customer", CustomerKind.INDIVIDUAL, profile, () -> {
            throw new IllegalStateException("command failed");
        })).hasMessage("command failed");

        assertThat(uniqueness.holderOf("mobile:" + Phone.normalize(mobile))).isEmpty();
    }

    @Test
    void recoversAClaimOrphanedByACrashBetweenClaimAndCommand() {
        String code = freshCreditCode();
        database.getCollection(CustomerUniqueness.COLLECTION).insertOne(new Document("_id", "creditCode:" + code)
                .append("customerId", "crashed-before-dispatch").append("state", "PENDING")
                .append("claimedAt", Date.from(Instant.now().minus(2, ChronoUnit.MINUTES))));

        Response response = api.post("/api/customers", company("北京京东世纪贸易有限公司", code));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(uniqueness.holderOf("creditCode:" + code)).contains(response.text("id"));
    }

    @Test
    void aFreshPendingClaimIsNotTakenOverAndTheSweepReleasesOnlyOrphans() {
        String fresh = freshCreditCode();
        String orphan = freshCreditCode();
        var claims = database.getCollection(CustomerUniqueness.COLLECTION);
        claims.insertOne(new Document("_id", "creditCode:" + fresh).append("customerId", "still-registering")
                .append("state", "PENDING").append("claimedAt", new Date()));
        claims.insertOne(new Document("_id", "creditCode:" + orphan).append("customerId", "crashed")
                .append("state", "PENDING").append("claimedAt", Date.from(Instant.now().minus(10, ChronoUnit.MINUTES))));

        Response response = api.post("/api/customers", company("北京京东世纪贸易有限公司", fresh));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.text("existingCustomerId")).isEqualTo("still-registering");

        assertThat(uniqueness.releaseOrphanedClaims()).isGreaterThanOrEqualTo(1);
        assertThat(uniqueness.holderOf("creditCode:" + orphan)).isEmpty();
        assertThat(uniqueness.holderOf("creditCode:" + fresh)).contains("still-registering");
    }
}
