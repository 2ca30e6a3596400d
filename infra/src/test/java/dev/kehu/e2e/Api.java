package dev.kehu.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.context.ApplicationContext;

import dev.kehu.infra.security.Role;
import dev.kehu.infra.security.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON over HTTP against the running application (plain {@code java.net.http}), for end-to-end tests. */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;
    private final String authorization;
    private final ApplicationContext context;

    /** Without credentials: every endpoint but health and API docs answers 401. */
    Api(int port) {
        this(port, null, null);
    }

    private Api(int port, String authorization, ApplicationContext context) {
        this.port = port;
        this.authorization = authorization;
        this.context = context;
    }

    /**
     * One line to act as anyone: {@code Api.as(port, context, "张伟", Role.SALES)} signs in over HTTP Basic as
     * that embedded user (created if need be, given exactly these roles; {@link TestUsers}).
     */
    static Api as(int port, ApplicationContext context, String username, Role... roles) {
        return new Api(port, TestUsers.basic(context, username, roles), context);
    }

    /**
     * Signed in as {@code username} with every role an end-to-end test of the business API needs (MANAGER, so any
     * customer; INTEGRATION for ERP facts; AUDITOR for the audit API; ADMIN for operations): what the stored
     * actor says is then that name, as the X-Actor header once said.
     */
    static Api signedIn(int port, ApplicationContext context, String username) {
        return new Api(port, TestUsers.everything(context, username), context);
    }

    /** The {@code Authorization} header value this client sends (null when it signs in as nobody). */
    String authorization() {
        return authorization;
    }

    /** The same server as another user with every role ({@link #signedIn}). */
    Api as(String username) {
        return new Api(port, TestUsers.everything(context, username), context);
    }

    /** The same server as another user with exactly these roles. */
    Api as(String username, Role... roles) {
        return as(port, context, username, roles);
    }

    /** One response: status, headers and the body parsed as JSON (null when empty). */
    record Response(int status, HttpResponse<String> raw, JsonNode body) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + raw.headers().map() + " " + raw.body();
        }
    }

    Response get(String path, String... headers) {
        return exchange("GET", path, null, headers);
    }

    Response delete(String path, String... headers) {
        return exchange("DELETE", path, null, headers);
    }

    /** Headers are name/value pairs. */
    Response post(String path, Object body, String... headers) {
        return exchange("POST", path, body, headers);
    }

    Response put(String path, Object body, String... headers) {
        return exchange("PUT", path, body, headers);
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Header values are ASCII: non-ASCII text (Chinese) goes percent-encoded, as the API expects. */
    static String headerText(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Response exchange(String method, String path, Object body, String... headers) {
        String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.setHeader("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode parsed = response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), response, parsed);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
