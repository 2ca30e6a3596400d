package dev.kehu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.infra.eventstore.HashChainVerifier;
import dev.kehu.infra.security.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Erasure and copy of a person end to end (docs/privacy.md), on the whole application with the embedded MongoDB and
 * the shared Elasticsearch node: a contact of a company and an individual customer are erased; afterwards search,
 * the customer 360 view, history, an as-of view, the export and a rebuild of the views show nothing of them, the
 * hash chains verify, commands about them are refused, their claims are free again, and the same request twice is
 * one erasure.
 */
@TestPropertySource(properties = {"kehu.projections.rebuild.grace-period=0s", "kehu.projections.rebuild.check-every=200ms"})
class PersonalDataErasureTest extends WholeApplicationTest {

    static final String CONTACT_NAME = "欧阳娜娜 Ouyang Nana";
    static final String CONTACT_PHONE = "139-1122-3344";
    static final String CONTACT_EMAIL = "ouyang.nana@example.cn";
    static final String PERSON = "司马相如";
    /** One customer context for the class: each test's individual has a mobile and e-mail of its own. */
    final String MOBILE = "136" + String.format("%08d", (System.nanoTime() / 1000) % 100_000_000L);
    final String EMAIL = "sima.xiangru." + MOBILE + "@example.com";

    Api api;
    String companyId;
    String contactId;
    String personId;
    long position;

    @BeforeEach
    void companyWithAContactAndAnIndividual() {
        api = Api.signedIn(port, context, "张伟");
        String creditCode = ("9144030" + (System.nanoTime() % 100_000_000_000L) + "0000000000").substring(0, 17) + "X";
        Api.Response company = api.post("/api/customers", Map.of("kind", "COMPANY", "chineseName", "深圳蓝海贸易有限公司",
                "latinName", "Shenzhen Blue Sea Trading Co., Ltd.", "creditCode", creditCode, "region", "华南"));
        assertThat(company.status()).as(company.toString()).isEqualTo(201);
        companyId = company.body().get("id").asString();
        Api.Response contact = api.post("/api/customers/" + companyId + "/contacts", Map.of("name", CONTACT_NAME,
                "title", "采购总监 purchasing director", "phones", List.of(CONTACT_PHONE), "emails", List.of(CONTACT_EMAIL),
                "notes", "周末不要打电话 no calls at weekends"));
        assertThat(contact.status()).as(contact.toString()).isEqualTo(201);
        contactId = contact.body().get("contactId").asString();
        Api.Response met = api.post("/api/customers/" + companyId + "/interactions", Map.of("channel", "MEETING",
                "contactId", contactId, "occurredOn", "2026-11-30", "outcome", "报价 quote",
                "notes", "欧阳娜娜 asked for a discount"));
        assertThat(met.status()).as(met.toString()).isEqualTo(201);
        Api.Response person = api.post("/api/customers", Map.of("kind", "INDIVIDUAL", "chineseName", PERSON,
                "latinName", "Sima Xiangru", "mobile", MOBILE, "email", EMAIL, "region", "成都"));
        assertThat(person.status()).as(person.toString()).isEqualTo(201);
        personId = person.body().get("id").asString();
        position = person.body().get("position").asLong();
        assertThat(search("欧阳娜娜", position)).contains(companyId);
        assertThat(search(PERSON, position)).contains(personId);
    }

    private Api.Response erase(Map<String, Object> body) {
        return api.as("admin.li", Role.ADMIN).post("/api/privacy/erasures", body);
    }

    @Test
    void anErasedPersonIsGoneEverywhereAndTheChainsStillVerify() throws Exception {
        Api.Response export = api.as("auditor.wu", Role.AUDITOR).get("/api/privacy/subjects/" + contactId + "/export");
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.body().toString()).contains(CONTACT_NAME, "13911223344", CONTACT_EMAIL, "周末不要打电话",
                "asked for a discount").doesNotContain("深圳蓝海");
        Instant beforeErasure = Instant.now();

        Map<String, Object> contactErasure = Map.of("subjectType", "contact", "customerId", companyId,
                "contactId", contactId, "reason", "本人要求删除 the person asked");
        Api.Response erased = erase(contactErasure);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        Api.Response again = erase(contactErasure);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().get("subjectId")).isEqualTo(erased.body().get("subjectId"));
        assertThat(again.body().get("version")).isEqualTo(erased.body().get("version"));
        Api.Response personErased = erase(Map.of("subjectType", "customer", "customerId", personId,
                "reason", "客户注销 account closed"));
        assertThat(personErased.status()).as(personErased.toString()).isEqualTo(200);
        assertThat(erasureEvents()).isEqualTo(2);
        long after = personErased.body().get("position").asLong();

        List<String> contactTexts = List.of("欧阳娜娜", "Ouyang", "13911223344", "ouyang.nana", "周末");
        List<String> personTexts = List.of(PERSON, "Sima", MOBILE, "sima.xiangru");
        for (String text : List.of("欧阳娜娜", "Ouyang Nana", CONTACT_PHONE, CONTACT_EMAIL)) {
            assertThat(search(text, after)).as(text).doesNotContain(companyId);
        }
        for (String text : List.of(PERSON, "Sima Xiangru", MOBILE, EMAIL)) {
            assertThat(search(text, after)).as(text).doesNotContain(personId);
        }
        String company360 = api.get("/api/customers/" + companyId + "/360?minPosition=" + after).body().toString();
        assertThat(company360).contains("深圳蓝海贸易有限公司").doesNotContain(contactTexts);
        assertThat(api.get("/api/customers/" + personId + "/360?minPosition=" + after).body().toString())
                .doesNotContain(personTexts);
        assertThat(api.get("/api/customers/" + companyId + "/history").body().toString())
                .contains("[erased]", "采购总监").doesNotContain(contactTexts);
        assertThat(api.get("/api/customers/" + personId + "/history").body().toString()).doesNotContain(personTexts);
        assertThat(api.get("/api/customers/" + companyId + "/360?asOf=" + Api.query(beforeErasure.toString())).body()
                .toString()).contains("深圳蓝海贸易有限公司").doesNotContain(contactTexts);
        Api.Response exportAfter = api.as("auditor.wu", Role.AUDITOR).get("/api/privacy/subjects/" + contactId + "/export");
        assertThat(exportAfter.body().get("erased").asBoolean()).isTrue();
        assertThat(exportAfter.body().toString()).contains("[erased]").doesNotContain(contactTexts);
        assertThat(rawViews()).doesNotContain(contactTexts).doesNotContain(personTexts);
        assertThat(rawViews()).as("the customer list's sort keys spell a name in hex, up and down")
                .doesNotContain(HexFormat.of().formatHex(PERSON.getBytes(StandardCharsets.UTF_8)))
                .doesNotContain(HexFormat.of().formatHex(inverted(PERSON.getBytes(StandardCharsets.UTF_8))));
        assertThat(context.getBean(HashChainVerifier.class).verifyAll().ok()).isTrue();

        rebuild("customer-360");
        assertThat(api.get("/api/customers/" + companyId + "/360").body().toString()).doesNotContain(contactTexts);
        assertThat(rawViews()).doesNotContain(contactTexts).doesNotContain(personTexts);
    }

    @Test
    void commandsAboutAnErasedPersonAreRefusedAndTheirClaimsAreFree() {
        assertThat(erase(Map.of("subjectType", "contact", "customerId", companyId, "contactId", contactId,
                "reason", "本人要求 asked")).status()).isEqualTo(200);
        Api.Response changed = api.put("/api/customers/" + companyId + "/contacts/" + contactId, Map.of("name", "欧阳娜娜"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(409);
        assertThat(changed.contentType()).contains("application/problem+json");
        assertThat(changed.body().get("subjectId").asString()).isEqualTo(contactId);
        Api.Response interaction = api.post("/api/customers/" + companyId + "/interactions", Map.of("channel", "CALL",
                "contactId", contactId, "occurredOn", "2026-12-01", "notes", "again"));
        assertThat(interaction.status()).as(interaction.toString()).isEqualTo(409);

        assertThat(erase(Map.of("subjectType", "customer", "customerId", personId, "reason", "注销 closed")).status())
                .isEqualTo(200);
        Api.Response profile = api.put("/api/customers/" + personId + "/profile", Map.of("chineseName", PERSON));
        assertThat(profile.status()).as(profile.toString()).isEqualTo(409);
        Api.Response sameMobile = api.post("/api/customers", Map.of("kind", "INDIVIDUAL", "chineseName", "李白 Li Bai",
                "mobile", MOBILE, "email", EMAIL));
        assertThat(sameMobile.status()).as("mobile and e-mail released: " + sameMobile).isEqualTo(201);
    }

    @Test
    void badOrForbiddenRequestsChangeNothing() {
        Api.Response company = erase(Map.of("subjectType", "customer", "customerId", companyId, "reason", "x"));
        assertThat(company.status()).as(company.toString()).isEqualTo(422);
        Api.Response noContact = erase(Map.of("subjectType", "contact", "customerId", companyId, "reason", "x"));
        assertThat(noContact.status()).isEqualTo(400);
        assertThat(noContact.body().get("field").asString()).isEqualTo("contactId");
        Api.Response badType = erase(Map.of("subjectType", "robot", "customerId", companyId, "reason", "x"));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body().get("field").asString()).isEqualTo("subjectType");
        Api.Response unknown = erase(Map.of("subjectType", "contact", "customerId", companyId, "contactId", "nobody",
                "reason", "x"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        Api.Response sales = api.as("sales.zhao", Role.SALES).post("/api/privacy/erasures", Map.of("subjectType",
                "contact", "customerId", companyId, "contactId", contactId, "reason", "x"));
        assertThat(sales.status()).isEqualTo(403);
        assertThat(api.as("sales.zhao", Role.SALES).get("/api/privacy/subjects/" + contactId + "/export").status())
                .isEqualTo(403);
        assertThat(erasureEvents()).isZero();
        assertThat(api.get("/api/privacy/subjects/nobody/export").status()).isEqualTo(404);
    }

    /** The search answer once the index has caught up with {@code position} (the shared node may be busy: 503). */
    private String search(String text, long position) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Api.Response found;
        do {
            found = api.get("/api/search/customers?size=100&q=" + Api.query(text) + "&minPosition=" + position);
        } while (found.status() == 503 && Instant.now().isBefore(deadline));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.body().toString();
    }

    /** Each byte {@code b} as {@code 255 - b}: how a descending sort key writes a value. */
    private static byte[] inverted(byte[] bytes) {
        byte[] inverted = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            inverted[i] = (byte) (255 - (bytes[i] & 0xff));
        }
        return inverted;
    }

    /** The erasures recorded on this test's two customers (the class shares one store). */
    private long erasureEvents() {
        return database.getCollection("events").countDocuments(new Document("type", "PersonalDataErased")
                .append("aggregateId", new Document("$in", List.of(companyId, personId))));
    }

    /**
     * Every stored document but the log's and the keys' that names this test's customers, as JSON (the other tests
     * of the class share the store, and their people are not erased).
     */
    private String rawViews() {
        StringBuilder all = new StringBuilder();
        for (String name : database.listCollectionNames()) {
            if (!List.of("events", "subject_keys").contains(name)) {
                database.getCollection(name).find().forEach(document -> {
                    String json = document.toJson();
                    if (json.contains(companyId) || json.contains(personId)) {
                        all.append(name).append(": ").append(json);
                    }
                });
            }
        }
        return all.toString();
    }

    private void rebuild(String group) throws InterruptedException {
        Api admin = api.as("admin.li", Role.ADMIN);
        Api.Response started = admin.post("/api/projections/" + group + "/rebuild", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = admin.get("/api/projections/" + group).body();
            if (status.has("rebuild") && "DONE".equals(status.get("rebuild").get("state").asString())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("rebuild of " + group + " did not finish");
    }
}
