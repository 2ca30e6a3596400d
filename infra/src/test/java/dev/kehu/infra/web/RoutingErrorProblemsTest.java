package dev.kehu.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import dev.kehu.KehuApplication;
import dev.kehu.infra.elasticsearch.SharedServers;
import dev.kehu.infra.security.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests that reach no controller answer problem+json with a code, on the whole application: an unsupported
 * method ({@link UnroutedRequestProblems}), an unknown path, the container's error page itself
 * ({@link ProblemErrorController}). Moved here from the command side's {@code RequestTrustApiTest} with the
 * classes it tests, which are the application's, not one side's.
 */
@SpringBootTest(classes = KehuApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SharedServers
@DirtiesContext
class RoutingErrorProblemsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private record Response(int status, String contentType, JsonNode body, String raw) {
        String text(String field) {
            return body.path(field).isMissingNode() ? null : body.path(field).asString();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + raw;
        }
    }

    private Response send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", TestUsers.everything(context, "wang.fang"));
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body()), response.body());
    }

    /** As the command side's {@code RequestTrustApiTest} checks a problem (no field is at fault here). */
    private static void expectProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.text("code")).as(response.toString()).isEqualTo(code);
        assertThat(response.text("type")).isEqualTo("https://kehu.dev/problems/" + code);
    }

    @Test
    void answersEveryRoutingErrorWithACode() throws Exception {
        expectProblem(send("PATCH", "/api/customers", "{}"), 405, "method-not-allowed");
        expectProblem(send("POST", "/api/customers/x/no-such-thing", "{}"), 404, "not-found");
        expectProblem(send("GET", "/error", null), 404, "not-found");
    }
}
