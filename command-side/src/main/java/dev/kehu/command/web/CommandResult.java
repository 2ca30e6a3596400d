package dev.kehu.command.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one command: the target aggregate's id, its version after the command, and the
 * global position of the commit (set after commit; null when the event store does not report one, e.g.
 * in-memory stores, or when nothing was appended). Extra values (ids the command created) are added to
 * the response body with {@link #with(String, Object)}.
 */
public final class CommandResult {

    private final String id;
    private final long version;
    private volatile Long position;
    private final Map<String, Object> extras = new LinkedHashMap<>();

    public CommandResult(String id, long version) {
        this.id = id;
        this.version = version;
    }

    public String id() {
        return id;
    }

    public long version() {
        return version;
    }

    public Long position() {
        return position;
    }

    void committedAt(Long position) {
        this.position = position;
    }

    /** Adds a value to the response body; returns this. */
    public CommandResult with(String name, Object value) {
        extras.put(name, value);
        return this;
    }

    /** The response body: id, version, position, then the extras. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("version", version);
        body.put("position", position);
        body.putAll(extras);
        return body;
    }

    /** The ETag header value: the version in quotes. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
