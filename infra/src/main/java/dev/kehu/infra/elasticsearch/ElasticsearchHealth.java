package dev.kehu.infra.elasticsearch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether Elasticsearch answers: {@code GET /_cluster/health} returns 200 with a status other than red.
 * The answer is cached for a short time, so callers on hot paths (e.g. a search endpoint deciding on 503)
 * may ask on every request.
 */
public final class ElasticsearchHealth {

    private static final Duration CACHE = Duration.ofMillis(500);

    private final URI health;
    private final java.util.Optional<String> authorization;
    private final HttpClient http;
    private final Duration timeout;
    private volatile long checkedAtNanos;
    private volatile boolean available;
    private volatile boolean checked;

    public ElasticsearchHealth(String url, Duration timeout) {
        ElasticsearchUrl parsed = ElasticsearchUrl.parse(url);
        this.health = URI.create(parsed.base() + "/_cluster/health");
        this.authorization = parsed.authorization();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** True when the cluster answered with status green or yellow within the timeout (cached for 0.5 s). */
    public boolean isAvailable() {
        long now = System.nanoTime();
        if (checked && now - checkedAtNanos < CACHE.toNanos()) {
            return available;
        }
        available = check();
        checkedAtNanos = System.nanoTime();
        checked = true;
        return available;
    }

    private boolean check() {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(health).timeout(timeout).GET();
            authorization.ifPresent(value -> request.header("Authorization", value));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && !response.body().contains("\"status\":\"red\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
