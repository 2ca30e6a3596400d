package dev.kehu.query.projection.operations;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.kehu.query.projection.MongoDeadLetterQueue;
import dev.kehu.query.projection.StoredDeadLetter;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What operators do with a projection's parked events: list them, retry one (with the events queued
 * behind it: its whole sequence, in order, through Axon's own dead-letter processing, so the same
 * handlers and interceptors run as live), retry all, or skip one with a reason. A skip is recorded in
 * {@value #SKIPS} with the letter, the reason, who skipped it and when, and the letter is removed;
 * the events queued behind it stay parked until retried.
 */
public class DeadLetterOperations {

    public static final String SKIPS = "projection_dead_letter_skips";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterOperations.class);

    private final MongoCollection<Document> skips;
    private final Supplier<Configuration> axon;
    private final ProjectionControl control;
    private final Clock clock;

    public DeadLetterOperations(MongoDatabase database, Supplier<Configuration> axon, ProjectionControl control, Clock clock) {
        this.skips = database.getCollection(SKIPS);
        this.axon = axon;
        this.control = control;
        this.clock = clock;
    }

    /** The group's queue; a group without one (404 for an unknown group) is refused. */
    MongoDeadLetterQueue queue(String group) {
        control.processor(group);
        SequencedDeadLetterQueue<EventMessage<?>> queue = axon.get().eventProcessingConfiguration().deadLetterQueue(group).orElse(null);
        if (queue instanceof MongoDeadLetterQueue mongo) {
            return mongo;
        }
        throw new ProjectionOperationRefused(group, "projection '" + group + "' has no dead-letter queue");
    }

    /** The parked events of {@code group}, sequence by sequence in order, at most {@code limit}. */
    public List<Map<String, Object>> list(String group, int limit) {
        List<Map<String, Object>> letters = new ArrayList<>();
        for (Document document : queue(group).documents(limit)) {
            letters.add(view(document));
        }
        return letters;
    }

    public long count(String group) {
        return queue(group).size();
    }

    /**
     * Retries the sequence of the letter of event {@code id}: its events are applied in order until one fails again
     * (which stays parked, one attempt more). Answers the outcome and what is left of the sequence.
     */
    public Map<String, Object> retry(String group, String id) {
        StoredDeadLetter letter = letter(group, id);
        boolean applied = retrySequence(group, letter.sequenceId());
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("sequenceId", letter.sequenceId());
        outcome.put("applied", applied);
        outcome.put("remaining", queue(group).sequenceSize(letter.sequenceId()));
        return outcome;
    }

    /** Retries every sequence once; answers how many were applied whole and how many are still parked. */
    public Map<String, Object> retryAll(String group) {
        MongoDeadLetterQueue queue = queue(group);
        int applied = 0;
        int failed = 0;
        for (String sequenceId : queue.sequenceIds()) {
            if (retrySequence(group, sequenceId)) {
                applied++;
            } else {
                failed++;
            }
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("sequencesApplied", applied);
        outcome.put("sequencesStillParked", failed);
        outcome.put("remaining", queue.size());
        return outcome;
    }

    private boolean retrySequence(String group, String sequenceId) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = axon.get().eventProcessingConfiguration()
                .sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new ProjectionOperationRefused(group, "projection '" + group + "' has no dead-letter processor"));
        return processor.process(letter -> letter instanceof StoredDeadLetter stored && stored.sequenceId().equals(sequenceId));
    }

    /** Removes the letter of event {@code id} without applying it, recording the reason and the actor. */
    public Map<String, Object> skip(String group, String id, String reason, String actor) {
        MongoDeadLetterQueue queue = queue(group);
        StoredDeadLetter letter = letter(group, id);
        Document stored = queue.document(letter.id());
        if (stored == null) {
            throw new UnknownDeadLetter(group, id);
        }
        Document skip = new Document(stored).append("letterId", letter.id()).append("reason", reason).append("skippedBy", actor)
                .append("skippedAt", Date.from(clock.instant()));
        skip.remove("_id");
        skip.remove("diagnostics");
        skip.remove("claimedBy");
        skip.remove("claimedUntil");
        skips.insertOne(skip);
        queue.evict(letter);
        LOG.warn("Projection {} dead letter {} ({} at position {}) SKIPPED by {}: {}", group, id, stored.getString("eventType"),
                stored.get("position"), actor, reason);
        Map<String, Object> outcome = view(stored);
        outcome.put("skippedBy", actor);
        outcome.put("reason", reason);
        outcome.put("skippedAt", clock.instant().toString());
        return outcome;
    }

    private StoredDeadLetter letter(String group, String id) {
        MongoDeadLetterQueue queue = queue(group);
        StoredDeadLetter letter = id == null ? null : queue.find(queue.idOf(id));
        if (letter == null) {
            throw new UnknownDeadLetter(group, id);
        }
        return letter;
    }

    private static Map<String, Object> view(Document document) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", document.getString("eventId"));
        view.put("sequenceId", document.getString("sequenceId"));
        view.put("eventType", document.getString("eventType"));
        view.put("aggregateId", document.getString("aggregateId"));
        view.put("position", document.get("position"));
        view.put("attempts", document.get("attempts"));
        Document cause = document.get("cause", Document.class);
        Map<String, Object> because = null;
        if (cause != null) {
            because = new LinkedHashMap<>();
            because.put("type", cause.getString("type"));
            because.put("message", cause.getString("message"));
        }
        view.put("cause", because);
        view.put("queuedBehindEarlierEvent", cause == null);
        view.put("enqueuedAt", instant(document.getDate("enqueuedAt")));
        view.put("lastTouched", instant(document.getDate("lastTouched")));
        return view;
    }

    private static String instant(Date date) {
        return date == null ? null : date.toInstant().toString();
    }

    /** No parked event with that id in that projection: 404. */
    public static class UnknownDeadLetter extends RuntimeException {
        private final String id;

        public UnknownDeadLetter(String group, String id) {
            super("projection '" + group + "' has no dead letter '" + id + "'");
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
