package dev.kehu.bench.drills;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything the drill's clients sent and what came back, thread-safe: every request ({@link Sent}) and every
 * acknowledged command ({@link Ack}: a 2xx answer with the aggregate's id, version and the commit's position).
 */
public final class Ledger {

    /** One acknowledged command: what the application promised is in the log. */
    public record Ack(String command, String aggregateId, long version, Long position, long answeredAtNanos) {
    }

    /** One request: when it was sent, how long it took and how it ended (status, {@code timeout}, {@code no-answer}). */
    public record Sent(String command, long sentAtNanos, long nanos, String label, boolean ok) {

        public double millis() {
            return nanos / 1e6;
        }
    }

    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();

    /** Records the exchange; returns the parsed body of a 2xx answer (null otherwise). */
    JsonNode record(String command, long sentAtNanos, Http.Answer answer) {
        sent.add(new Sent(command, sentAtNanos, answer.nanos(), answer.label(), answer.ok()));
        if (!answer.ok()) {
            return null;
        }
        JsonNode body = answer.json();
        if (body != null && body.hasNonNull("id") && body.hasNonNull("version")) {
            JsonNode position = body.get("position");
            acks.add(new Ack(command, body.get("id").asText(), body.get("version").asLong(),
                    position == null || position.isNull() ? null : position.asLong(), System.nanoTime()));
            acknowledged.incrementAndGet();
        }
        return body;
    }

    /** How many commands were acknowledged so far (cheap to poll). */
    public int acknowledged() {
        return acknowledged.get();
    }

    public List<Ack> acks() {
        return new ArrayList<>(acks);
    }

    public List<Sent> sent() {
        return new ArrayList<>(sent);
    }

    public List<Sent> sent(Predicate<Sent> filter) {
        return sent.stream().filter(filter).toList();
    }

    /** How many requests ended how: {@code {"200": 812, "201": 400, "no-answer": 37}}. */
    public static Map<String, Integer> histogram(List<Sent> requests) {
        Map<String, Integer> counts = new TreeMap<>();
        requests.forEach(request -> counts.merge(request.label(), 1, Integer::sum));
        return counts;
    }
}
