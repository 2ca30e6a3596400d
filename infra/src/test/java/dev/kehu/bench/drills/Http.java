package dev.kehu.bench.drills;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Well-formed HTTP on 127.0.0.1 for the drills ({@code java.net.http}, HTTP/1.1, every request with a timeout).
 * A failure to get an answer (refused, reset, timed out) is an {@link Answer} with an {@code error}, never an
 * exception, so load loops count it and go on.
 */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** Timeout of every drill request: an answer slower than this counts as a failure. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;

    public Http() {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * One exchange: the status (0 when there was no answer), the content type, the body, how long it took and, when
     * there was no answer, why ({@code timeout}, or the exception's class and message).
     */
    public record Answer(int status, String contentType, String body, long nanos, String error) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public boolean timedOut() {
            return "timeout".equals(error);
        }

        public double millis() {
            return nanos / 1e6;
        }

        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? null : JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        /** The status as a label for histograms: {@code 503}, {@code timeout}, {@code no-answer}. */
        public String label() {
            return status > 0 ? Integer.toString(status) : timedOut() ? "timeout" : "no-answer";
        }
    }

    /**
     * The drill user's {@code Authorization} header ({@link AppProcess#AUTHORIZATION}), sent with every request
     * unless the request names its own (a bad-input request garbling or leaving out the credential sends it
     * through {@link RawHttp}).
     */
    private static final String SIGNED_IN = AppProcess.AUTHORIZATION;

    public Answer get(String url) {
        return send("GET", url, null, Map.of(), REQUEST_TIMEOUT);
    }

    public Answer get(String url, Duration timeout) {
        return send("GET", url, null, Map.of(), timeout);
    }

    /** Sends {@code json} (or no body when null) with {@code Content-Type: application/json}. */
    public Answer send(String method, String url, String json, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (!headers.containsKey("Authorization")) {
            request.header("Authorization", SIGNED_IN);
        }
        headers.forEach(request::header);
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), System.nanoTime() - start, null);
        } catch (HttpTimeoutException e) {
            return new Answer(0, null, null, System.nanoTime() - start, "timeout");
        } catch (IOException e) {
            return new Answer(0, null, null, System.nanoTime() - start, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, null, System.nanoTime() - start, "interrupted");
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not serializable: " + value, e);
        }
    }
}
