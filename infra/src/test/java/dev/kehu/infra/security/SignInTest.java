package dev.kehu.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.kehu.e2e.WholeApplicationTest;

/**
 * The first start and failed sign-ins, on the whole application: the first admin's one-time password is printed
 * once and must be changed before anything else; failed sign-ins are recorded without the password and back off
 * with 429 and Retry-After.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignInTest extends WholeApplicationTest {

    private static final Pattern ONE_TIME = Pattern.compile("one-time password\\s+(\\S+)");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theFirstStartPrintsAOneTimeAdminPasswordOnceThatMustBeChangedFirst(CapturedOutput output) throws Exception {
        Matcher printed = ONE_TIME.matcher(output.getAll());
        assertThat(printed.find()).as("the one-time password is in the log").isTrue();
        String oneTime = printed.group(1);
        assertThat(printed.find()).as("printed once").isFalse();
        String admin = TestUsers.basicHeader("admin", oneTime);

        HttpResponse<String> blocked = send("GET", "/api/projections", admin, null);
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(blocked.body()).contains("\"code\":\"password-change-required\"");
        assertThat(send("GET", "/api/me", admin, null).body()).contains("\"mustChangePassword\":true").contains("\"ADMIN\"");
        assertThat(send("PUT", "/api/me/password", admin, "{\"currentPassword\":\"" + oneTime + "\",\"password\":\"short\"}")
                .statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/api/me/password", admin,
                "{\"currentPassword\":\"" + oneTime + "\",\"password\":\"管理员的新密码 a new one\"}").statusCode()).isEqualTo(204);

        assertThat(send("GET", "/api/projections", admin, null).statusCode()).as("the one-time password is spent").isEqualTo(401);
        String changed = TestUsers.basicHeader("admin", "管理员的新密码 a new one");
        assertThat(send("GET", "/api/projections", changed, null).statusCode()).isEqualTo(200);

        List<Document> events = database.getCollection("events").find(Filters.eq("aggregateId", "user:admin"))
                .sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertThat(events).extracting(e -> e.getString("type")).containsExactly(
                "dev.kehu.events.identity.UserCreated", "dev.kehu.events.identity.UserPasswordChanged");
        assertThat(events.get(0).get("metadata", Document.class).getString("actor")).isEqualTo("system:first-start");
        assertThat(events.get(1).get("metadata", Document.class).getString("actor")).isEqualTo("admin");
        assertThat(events.toString()).doesNotContain(oneTime).doesNotContain("管理员的新密码");

        context.getBean(FirstAdmin.class).run(null);
        assertThat(ONE_TIME.matcher(output.getAll()).results().count()).as("never again once a user exists").isEqualTo(1);
    }

    @Test
    void repeatedFailedSignInsAreRecordedWithoutThePasswordAndBackOff() throws Exception {
        String right = TestUsers.basic(context, "李四 li.si", Role.SALES);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = send("GET", "/api/customers", TestUsers.basicHeader("李四 li.si", "guess-number-" + i), null);
            assertThat(failed.statusCode()).isEqualTo(401);
        }
        HttpResponse<String> backOff = send("GET", "/api/customers", right, null);
        assertThat(backOff.statusCode()).as("even the right password waits").isEqualTo(429);
        assertThat(backOff.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(backOff.body()).contains("\"code\":\"too-many-sign-in-attempts\"").doesNotContain("li.si");
        long retryAfter = Long.parseLong(backOff.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 900L);

        List<Document> recorded = database.getCollection("sign_in_failures").find(Filters.eq("username", "李四 li.si"))
                .into(new ArrayList<>());
        assertThat(recorded).hasSize(5);
        assertThat(recorded).allSatisfy(failure -> assertThat(failure.getString("address")).isEqualTo("127.0.0.1"));
        assertThat(recorded.toString()).doesNotContain("guess-number");

        Thread.sleep(retryAfter * 1000 + 200);
        assertThat(send("GET", "/api/customers", right, null).statusCode()).as("after the wait").isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
