package dev.kehu.command;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for REST tests (plain {@code java.net.http}). */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

    public ApiClient(int port) {
        this(port, "zhangsan");
    }

    /** A client whose requests carry {@code X-Actor: actor} unless a call says otherwise. */
    public ApiClient(int port, String actor) {
        this.baseUrl = "http://127.0.0.1:" + port;
        defaultHeaders.put("X-Actor", actor);
    }

    /** One response: status, headers and the body parsed as JSON (null when empty). */
    public record Response(int status, HttpResponse<String> raw, JsonNode body) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String text(String field) {
            JsonNode node = body.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** Sends raw text as the body (for invalid JSON). */
    public Response sendRaw(String method, String path, String rawBody, String... headers) {
        return exchange(method, path, rawBody, headers);
    }

    public Response send(String method, String path, Object body, String... headers) {
        String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        return exchange(method, path, json, headers);
    }

    /**
     * Headers are name/value pairs; a null value removes a default header (e.g. "X-Actor", null). A value with other
     * than ASCII characters is sent URL-encoded, as the API reads it.
     */
    private Response exchange(String method, String path, String body, String... headers) {
        Map<String, String> all = new LinkedHashMap<>(defaultHeaders);
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] == null) {
                all.remove(headers[i]);
            } else {
                all.put(headers[i], headers[i + 1]);
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.setHeader("Content-Type", "application/json");
        }
        all.forEach((name, value) -> request.setHeader(name,
                value.chars().allMatch(c -> c < 128) ? value : URLEncoder.encode(value, StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
