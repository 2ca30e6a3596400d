package dev.kehu.infra.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.kehu.KehuApplication;
import dev.kehu.command.actor.Actor;
import dev.kehu.command.customer.uniqueness.CustomerUniqueness;
import dev.kehu.command.web.CommandContext;
import dev.kehu.command.web.CommandDispatcher;
import dev.kehu.events.MetadataKeys;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.infra.elasticsearch.SharedServers;
import dev.kehu.infra.security.Role;
import dev.kehu.infra.security.TestUsers;
import jakarta.validation.Validator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/imports/customers} on the running application: a GBK file from Excel, a file with bad rows,
 * the same file twice, a file overlapping existing customers, and an import that resumes after its process died.
 */
@SpringBootTest(classes = KehuApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kehu.imports.chunk-size=2")
@SharedServers
class ImportApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEADER_ZH = "类型,中文名称,英文名称,统一社会信用代码,手机,邮箱,行业,标签,联系人,联系人职务,联系人电话\n";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoDatabase database;
    @Autowired
    CustomerImports imports;

    @Test
    void importsAGbkFileFromExcelWithContactsAndTheImportersActorAndReason() throws Exception {
        String csv = HEADER_ZH
                + "企业,杭州西湖茶叶有限公司,West Lake Tea Co.,91330106MA2B3C4D5E,,,茶叶,大客户；华东,陈静,采购总监,0571-8888 6666\n"
                + "个人,刘洋,Liu Yang,,139 1111 2222,liu.yang@example.cn,,,,,\n"
                + "COMPANY,,Brightwater Ltd,91310000MA1K2L3M4N,,,Water,key account,Sarah O'Neil,CFO,+44 20 7946 0000\n";
        HttpResponse<String> started = post(csv.getBytes(Charset.forName("GBK")), "text/csv", manager("陈经理"),
                "X-Reason", "%E8%BF%81%E7%A7%BB%E8%A1%A8%E6%A0%BC"); // 迁移表格 (moving off spreadsheets)
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = JSON.readTree(started.body()).get("id").asString();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/imports/" + id);

        JsonNode done = awaitDone(id);
        assertThat(done.get("total").asInt()).isEqualTo(3);
        assertThat(done.get("done").asInt()).isEqualTo(3);
        assertThat(done.get("imported").asInt()).isEqualTo(3);
        assertThat(done.get("etaSeconds").asLong()).isZero();

        List<? extends DomainEventMessage<?>> tea = events(CustomerImporter.customerId(id, 2));
        assertThat(tea).extracting(event -> event.getPayloadType().getSimpleName())
                .containsExactly("CustomerRegistered", "ContactAdded", "PrimaryContactChosen");
        CustomerRegistered registered = (CustomerRegistered) tea.get(0).getPayload();
        assertThat(registered.profile().chineseName()).isEqualTo("杭州西湖茶叶有限公司");
        assertThat(registered.profile().tags()).containsExactly("大客户", "华东");
        assertThat(((ContactAdded) tea.get(1).getPayload()).contact().name()).isEqualTo("陈静");
        for (DomainEventMessage<?> event : tea) {
            assertThat(event.getMetaData().get(MetadataKeys.ACTOR)).isEqualTo(principalId("陈经理"));
            assertThat(event.getMetaData().get(MetadataKeys.REASON)).isEqualTo("迁移表格");
        }
        assertThat(events(CustomerImporter.customerId(id, 3))).hasSize(1); // no contact columns filled
    }

    @Test
    void refusesAFileWithBadRowsNamingRowColumnAndReasonAndImportsNothing() throws Exception {
        String csv = "kind,chineseName,latinName,creditCode,mobile,email\n"
                + "COMPANY,坏公司,,,,\n"                                  // row 2: company without credit code
                + "INDIVIDUAL,王芳,,,not a phone,\n"                      // row 3: mobile
                + "PARTNER,某某,,,,\n"                                    // row 4: kind
                + "INDIVIDUAL,,,,,\n"                                     // row 5: no name
                + "INDIVIDUAL,张三,,,138 0000 1111,zhang@example.cn\n"
                + "INDIVIDUAL,Zhang San,,,138-0000-1111,\n"               // row 7: same mobile as row 6
                + "INDIVIDUAL,李四,,,138 0000 2222,\n";                 // row 8: fine
        HttpResponse<String> refused = post(csv.getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8", manager("lina"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("field").asString()).isEqualTo("body");
        assertThat(problem.get("errors")).extracting(error -> error.get("row").asInt() + " " + error.get("column").asString())
                .containsExactlyInAnyOrder("2 creditCode", "3 mobile", "4 kind", "5 chineseName", "7 mobile");
        assertThat(problem.get("errors").get(0).get("reason").asString()).isNotBlank();
        assertThat(database.getCollection(ImportJobs.COLLECTION).countDocuments(new Document("_id",
                CustomerImports.idOf(csv.getBytes(StandardCharsets.UTF_8))))).isZero();
        assertThat(events(CustomerImporter.customerId(CustomerImports.idOf(csv.getBytes(StandardCharsets.UTF_8)), 6))).isEmpty();
    }

    @Test
    void theSameFileTwiceCreatesNothingTwiceAndOverlapsAreReportedPerRow() throws Exception {
        String first = "kind,latinName,mobile,email\nINDIVIDUAL,Tom Baker,+1 212 555 0101,tom@example.com\n"
                + "INDIVIDUAL,孙丽,137 2222 3333,\n";
        byte[] bytes = first.getBytes(StandardCharsets.UTF_8);
        String manager = manager("lina");
        HttpResponse<String> once = post(bytes, "text/csv", manager);
        assertThat(once.statusCode()).as(once.body()).isEqualTo(202);
        String id = JSON.readTree(once.body()).get("id").asString();
        awaitDone(id);

        HttpResponse<String> twice = post(bytes, "text/csv", manager);
        assertThat(twice.statusCode()).isEqualTo(200);
        assertThat(twice.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(twice.body()).get("id").asString()).isEqualTo(id);
        assertThat(events(CustomerImporter.customerId(id, 2))).hasSize(1);

        String overlapping = first + "INDIVIDUAL,New Person,+1 212 555 0199,\n";
        HttpResponse<String> third = post(overlapping.getBytes(StandardCharsets.UTF_8), "text/csv", manager);
        assertThat(third.statusCode()).as(third.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(third.body());
        assertThat(answer.get("duplicates")).extracting(error -> error.get("row").asInt()).contains(2, 3);
        JsonNode done = awaitDone(answer.get("id").asString());
        assertThat(done.get("imported").asInt()).isEqualTo(1);
        assertThat(done.get("duplicates").asInt()).isEqualTo(2);
        assertThat(done.get("errors")).extracting(error -> error.get("row").asInt()).containsExactlyInAnyOrder(2, 3);
        assertThat(done.get("errors")).allSatisfy(error -> assertThat(error.get("column").asString()).isIn("mobile", "email"));
    }

    @Test
    void resumesAfterItsProcessDiedMidImportWithoutRegisteringARowTwice() throws Exception {
        String csv = "kind,chineseName,creditCode,mobile,contactName\n"
                + "COMPANY,周一贸易有限公司,91440300MA5F6G7H8J,,周先生\n" + "INDIVIDUAL,吴二,,136 0000 0002,\n"
                + "COMPANY,郑三科技有限公司,91440300MA5F6G7H9K,,郑女士\n" + "INDIVIDUAL,冯四,,136 0000 0004,\n"
                + "INDIVIDUAL,Chen Wu,,136 0000 0005,\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        String id = CustomerImports.idOf(bytes);
        ImportJobs jobs = new ImportJobs(database, Clock.systemUTC());
        Actor actor = new Actor(principalId("lina"), "lina", null, false);
        assertThat(jobs.create(id, bytes, "UTF-8", 5, actor, "迁移", "resume-test")).isTrue();
        // the dead process held the lease
        Document job = jobs.claim(id, "the-dead-instance", Duration.ofMinutes(1)).orElseThrow();
        // the dead process had recorded rows 2–3 (one chunk) and imported row 4 of the next chunk, unrecorded
        CustomerFile file = new CustomerFile(context.getBean(Validator.class));
        List<ImportRow> rows = file.parse(csv, 100).rows();
        ExecutorService unused = Executors.newSingleThreadExecutor();
        try {
            CustomerImporter dead = new CustomerImporter(jobs, file, context.getBean(CustomerUniqueness.class),
                    context.getBean(CommandDispatcher.class), eventStore, unused, 2);
            CommandContext commandContext = CustomerImporter.context(job);
            for (int i = 0; i < 3; i++) {
                dead.importRow(id, commandContext, rows.get(i), false);
            }
        } finally {
            unused.shutdownNow();
        }
        assertThat(jobs.progress(id, "the-dead-instance", Duration.ofMinutes(1), 2, 2, 0, 0, List.of())).isTrue();
        jobs.release(id, "the-dead-instance"); // as if its lease had run out

        imports.resumeUnfinished(); // what the restarted application does once ready

        JsonNode done = awaitDone(id);
        assertThat(done.get("done").asInt()).isEqualTo(5);
        for (long row = 2; row <= 6; row++) {
            List<? extends DomainEventMessage<?>> events = events(CustomerImporter.customerId(id, row));
            // a company row: registered, contact added, chosen as primary; each once although row 4 ran twice
            assertThat(events).as("row " + row).hasSize(row == 2 || row == 4 ? 3 : 1);
            assertThat(events.get(0).getPayload()).isInstanceOf(CustomerRegistered.class);
            assertThat(events.get(0).getMetaData().get(MetadataKeys.REASON)).isEqualTo("迁移");
        }
    }

    @Test
    void answersBadRequestsWithProblems() throws Exception {
        HttpResponse<String> badId = get("/api/imports/not-an-id", manager("lina"));
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badId.body()).get("parameter").asString()).isEqualTo("id");
        HttpResponse<String> unknown = get("/api/imports/0123456789abcdef0123456789abcdef", manager("lina"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> empty = post(new byte[0], "text/csv", manager("lina"));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(empty.body()).get("field").asString()).isEqualTo("body");
        HttpResponse<String> encoding = post("kind\n".getBytes(StandardCharsets.UTF_8), "text/csv", manager("lina"),
                "X-Ignored", "x");
        assertThat(encoding.statusCode()).isEqualTo(400);
        String auditor = TestUsers.basic(context, "审计员", Role.AUDITOR);
        assertThat(post("kind\nINDIVIDUAL\n".getBytes(StandardCharsets.UTF_8), "text/csv", auditor).statusCode()).isEqualTo(403);
    }

    private List<? extends DomainEventMessage<?>> events(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().toList();
    }

    private JsonNode awaitDone(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status;
        do {
            HttpResponse<String> response = get("/api/imports/" + id, manager("lina"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            status = JSON.readTree(response.body());
            if ("DONE".equals(status.get("state").asString())) {
                return status;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("import not done: " + status);
    }

    private String manager(String name) {
        return TestUsers.basic(context, name, Role.MANAGER);
    }

    /** An embedded user's actor id is the username. */
    private static String principalId(String name) {
        return name;
    }

    private HttpResponse<String> post(byte[] body, String contentType, String authorization, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/imports/customers"))
                .header("Content-Type", contentType).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
