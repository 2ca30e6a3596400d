package dev.kehu.query.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kehu.query.projection.ProjectionPositions;

/**
 * Base of the tests that run the query side alone ({@link ReadSideTestApplication}) on a random port: the settings
 * every such test shares, the event store to publish a history into, the projections' positions to wait on, and
 * plain {@code java.net.http} calls that read the answer as JSON. A test adds its own settings with
 * {@code @TestPropertySource(properties = ...)}.
 */
@SpringBootTest(classes = ReadSideTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"axon.axonserver.enabled=false", "axon.serializer.general=jackson", "axon.serializer.events=jackson",
                "axon.serializer.messages=jackson", "kehu.query.read-side-test-application=true"})
public abstract class ReadSideWebTest {

    protected static final ObjectMapper JSON = new ObjectMapper();

    @Value("${local.server.port}")
    protected int port;
    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected ProjectionPositions positions;

    protected final HttpClient http = HttpClient.newHttpClient();

    /** One answer: its status, content type, body as JSON (null when empty) and headers. */
    public record Response(int status, String contentType, JsonNode body, Map<String, List<String>> headers) {
    }

    protected Response get(String path) throws Exception {
        return send("GET", path, null);
    }

    /** A request without body, as {@code actor} ({@code X-Actor}, none when null), with header name/value pairs. */
    protected Response send(String method, String path, String actor, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (actor != null) {
            request.header("X-Actor", actor);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body().isEmpty() ? null : JSON.readTree(response.body()), response.headers().map());
    }

    /**
     * Waits (at most two minutes) until {@code processingGroup} has applied {@code position}. A query's own
     * {@code minPosition} wait is short and then answers stale, which a loaded test machine can outlast when earlier
     * classes of the shared context left the group a backlog.
     */
    protected void awaitApplied(String processingGroup, long position) throws InterruptedException {
        awaitApplied(List.of(processingGroup), position);
    }

    /** As {@link #awaitApplied(String, long)}, for every one of {@code processingGroups}. */
    protected void awaitApplied(List<String> processingGroups, long position) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (positions.position(processingGroups) < position) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(processingGroups + " did not apply position " + position + " within 2 minutes");
            }
            Thread.sleep(20);
        }
    }

    protected static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
