package dev.kehu.query.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's {@link SequencedDeadLetterQueue} on MongoDB, one instance per processing group, all groups in
 * the collection {@value #COLLECTION}. Axon ships JPA and JDBC queues and a MongoDB one only in its
 * Mongo extension, which is not in this build and needs a transaction manager we do not have; so this
 * small queue on mongodb-driver-sync lets {@code DeadLetteringEventHandlerInvoker} (Axon's own
 * sequencing, parking and retry logic) run on the database the read side already uses.
 * <p>
 * One document per letter: {@code _id} = group + "/" + event id, the sequence (the aggregate id, as
 * Axon's default {@code SequentialPerAggregatePolicy} gives it), {@code index} = the event's global
 * position (its order in the sequence), the event in Axon's serialized form, the cause, the attempt
 * count and when it was parked and last tried. Without transactions, a batch that parks an event and is
 * then rolled back parks it again on its retry: enqueueing is idempotent by {@code _id}, so the letter
 * keeps its place and its first cause. Letters of one sequence are processed by one caller at a time
 * across instances: the sequence's first letter carries a claim ({@code claimedBy}, {@code claimedUntil}).
 * <p>
 * No size limit: a systematic bug parks many events, each visible and retryable, rather than stopping
 * the projection ({@link #isFull} is always false).
 */
public class MongoDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    public static final String COLLECTION = "projection_dead_letters";
    static final String ATTEMPTS = "attempts";
    private static final Logger LOG = LoggerFactory.getLogger(MongoDeadLetterQueue.class);
    private static final Duration CLAIM = Duration.ofMinutes(1);

    private final String processingGroup;
    private final MongoCollection<Document> letters;
    private final Supplier<Serializer> serializer;
    private final Clock clock;
    private volatile boolean indexed;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    public MongoDeadLetterQueue(String processingGroup, MongoDatabase database, Supplier<Serializer> serializer, Clock clock) {
        this.processingGroup = processingGroup;
        this.letters = database.getCollection(COLLECTION);
        this.serializer = serializer;
        this.clock = clock;
    }

    public String processingGroup() {
        return processingGroup;
    }

    private Bson group() {
        return Filters.eq("processingGroup", processingGroup);
    }

    private Bson sequence(String sequenceId) {
        return Filters.and(group(), Filters.eq("sequenceId", sequenceId));
    }

    private static String sequenceId(Object sequenceIdentifier) {
        return String.valueOf(sequenceIdentifier);
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Serializer serializer = this.serializer.get();
        SerializedObject<String> payload = message.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = message.serializeMetaData(serializer, String.class);
        Document document = new Document("processingGroup", processingGroup)
                .append("sequenceId", sequenceId(sequenceIdentifier))
                .append("eventId", message.getIdentifier())
                .append("eventType", payload.getType().getName())
                .append("payload", payload.getData())
                .append("payloadRevision", payload.getType().getRevision())
                .append("metaData", metaData.getData())
                .append("metaDataType", metaData.getType().getName())
                .append("timestamp", Date.from(message.getTimestamp()))
                .append("enqueuedAt", Date.from(letter.enqueuedAt()));
        long index = clock.millis();
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            SerializedObject<String> token = serializer.serialize(tracked.trackingToken(), String.class);
            document.append("token", token.getData()).append("tokenType", token.getType().getName());
            if (tracked.trackingToken().position().isPresent()) {
                index = tracked.trackingToken().position().getAsLong();
                document.append("position", index);
            }
        }
        if (message instanceof DomainEventMessage<?> domain) {
            document.append("aggregateType", domain.getType()).append("aggregateId", domain.getAggregateIdentifier())
                    .append("aggregateSequenceNumber", domain.getSequenceNumber());
        }
        document.append("index", index);
        if (!indexed) {
            // created with the first letter, so a group that never parks anything leaves no collection behind
            letters.createIndex(Indexes.ascending("processingGroup", "sequenceId", "index"));
            indexed = true;
        }
        String id = processingGroup + "/" + message.getIdentifier();
        Document changing = changing(letter);
        changing.remove("lastTouched");
        try {
            letters.updateOne(Filters.eq("_id", id), Updates.combine(Updates.setOnInsert(document.append("lastTouched",
                    Date.from(letter.lastTouched())).append(ATTEMPTS, changing.get(ATTEMPTS)).append("cause", changing.get("cause"))
                    .append("diagnostics", changing.get("diagnostics")))), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // parked already (a retried batch): it keeps its place and first cause
        }
        LOG.warn("Projection {} parked event {} ({}) at position {} of sequence {}{}", processingGroup,
                message.getIdentifier(), payload.getType().getName(), document.get("position"), sequenceIdentifier,
                letter.cause().map(c -> " because of " + c.type() + ": " + c.message()).orElse(" behind an earlier parked event"));
    }

    /** The fields a requeue changes: cause, diagnostics (with the attempt count), last touched. */
    private static Document changing(DeadLetter<?> letter) {
        Document diagnostics = new Document();
        letter.diagnostics().forEach((key, value) -> diagnostics.append(key,
                value == null || value instanceof Number || value instanceof Boolean ? value : String.valueOf(value)));
        Object attempts = letter.diagnostics().get(ATTEMPTS);
        return new Document("cause", letter.cause().map(c -> new Document("type", c.type()).append("message", c.message())).orElse(null))
                .append("diagnostics", diagnostics)
                .append(ATTEMPTS, attempts instanceof Number number ? number.intValue() : 0)
                .append("lastTouched", Date.from(letter.lastTouched()));
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        letters.deleteOne(Filters.eq("_id", idOf(letter)));
    }

    private String idOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter instanceof StoredDeadLetter stored ? stored.id() : processingGroup + "/" + letter.message().getIdentifier();
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) throws NoSuchDeadLetterException {
        DeadLetter<? extends EventMessage<?>> updated = letterUpdater.apply(letter.markTouched());
        Document set = changing(updated);
        if (letters.updateOne(Filters.eq("_id", idOf(letter)), new Document("$set", set)).getMatchedCount() == 0) {
            throw new NoSuchDeadLetterException("No dead letter " + idOf(letter) + " in processing group " + processingGroup);
        }
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return letters.find(sequence(sequenceId(sequenceIdentifier))).projection(new Document("_id", 1)).first() != null;
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        List<DeadLetter<? extends EventMessage<?>>> sequence = new ArrayList<>();
        for (Document document : letters.find(sequence(sequenceId(sequenceIdentifier))).sort(Sorts.ascending("index"))) {
            sequence.add(letter(document));
        }
        return sequence;
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        List<Iterable<DeadLetter<? extends EventMessage<?>>>> all = new ArrayList<>();
        for (String sequenceId : sequenceIds()) {
            all.add(deadLetterSequence(sequenceId));
        }
        return all;
    }

    public List<String> sequenceIds() {
        List<String> ids = new ArrayList<>();
        letters.distinct("sequenceId", group(), String.class).into(ids);
        return ids;
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return false;
    }

    @Override
    public long size() {
        return letters.countDocuments(group());
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return letters.countDocuments(sequence(sequenceId(sequenceIdentifier)));
    }

    @Override
    public long amountOfSequences() {
        return sequenceIds().size();
    }

    /**
     * Processes the least recently tried sequence whose first letter passes {@code sequenceFilter} and
     * that no one else is processing: letter by letter in order, evicting each one {@code processingTask}
     * handles, stopping at the first it asks to keep. True when the whole sequence was handled.
     */
    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        List<Document> heads = new ArrayList<>();
        for (String sequenceId : sequenceIds()) {
            Document head = first(sequenceId);
            if (head != null && sequenceFilter.test(letter(head))) {
                heads.add(head);
            }
        }
        heads.sort(Comparator.comparing(head -> head.getDate("lastTouched")));
        for (Document head : heads) {
            String sequenceId = head.getString("sequenceId");
            if (!claim(head)) {
                continue;
            }
            try {
                for (Document current = first(sequenceId); current != null; current = first(sequenceId)) {
                    StoredDeadLetter letter = letter(current);
                    EnqueueDecision<EventMessage<?>> decision = processingTask.apply(letter);
                    if (decision.shouldEnqueue()) {
                        requeue(letter, l -> decision.withDiagnostics(l).withCause(decision.enqueueCause().orElse(null)));
                        return false;
                    }
                    evict(letter);
                }
                return true;
            } finally {
                letters.updateMany(Filters.and(sequence(sequenceId), Filters.eq("claimedBy", owner)),
                        Updates.combine(Updates.unset("claimedBy"), Updates.unset("claimedUntil")));
            }
        }
        return false;
    }

    private Document first(String sequenceId) {
        return letters.find(sequence(sequenceId)).sort(Sorts.ascending("index")).first();
    }

    /** Claims a sequence for this caller through its first letter, unless another caller's claim still holds. */
    private boolean claim(Document head) {
        Date now = Date.from(clock.instant());
        Document claimed = letters.findOneAndUpdate(
                Filters.and(Filters.eq("_id", head.get("_id")),
                        Filters.or(Filters.eq("claimedUntil", null), Filters.lt("claimedUntil", now))),
                Updates.combine(Updates.set("claimedBy", owner), Updates.set("claimedUntil", Date.from(clock.instant().plus(CLAIM)))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return claimed != null;
    }

    @Override
    public void clear() {
        letters.deleteMany(group());
    }

    /** This group's letters as stored, sequence by sequence in order, at most {@code limit} (the payload left out). */
    public List<Document> documents(int limit) {
        return letters.find(group()).projection(new Document("payload", 0).append("metaData", 0).append("token", 0))
                .sort(Sorts.ascending("sequenceId", "index")).limit(limit).into(new ArrayList<>());
    }

    /** The letter {@code id} of this group as stored (the payload left out), or null. */
    public Document document(String id) {
        return letters.find(Filters.and(group(), Filters.eq("_id", id)))
                .projection(new Document("payload", 0).append("metaData", 0).append("token", 0)).first();
    }

    /** The {@code _id} of this group's letter of event {@code eventId}. */
    public String idOf(String eventId) {
        return processingGroup + "/" + eventId;
    }

    /** The stored letter with {@code _id} {@code id} of this group, if any. */
    public StoredDeadLetter find(String id) {
        Document document = letters.find(Filters.and(group(), Filters.eq("_id", id))).first();
        return document == null ? null : letter(document);
    }

    StoredDeadLetter letter(Document document) {
        Document cause = document.get("cause", Document.class);
        Document diagnostics = document.get("diagnostics", Document.class);
        Map<String, Object> values = new LinkedHashMap<>(diagnostics == null ? Map.of() : diagnostics);
        return new StoredDeadLetter(document.getString("_id"), document.getString("sequenceId"),
                ((Number) document.get("index")).longValue(), memoized(() -> message(document)),
                cause == null ? null : new ThrowableCause(cause.getString("type"), cause.getString("message")),
                document.getDate("enqueuedAt").toInstant(), document.getDate("lastTouched").toInstant(),
                MetaData.from(values), clock);
    }

    /** The event as it was handed to the projection: same id, payload, metadata, timestamp, tracking token. */
    private EventMessage<?> message(Document document) {
        Serializer serializer = this.serializer.get();
        SerializedMessage<?> message = new SerializedMessage<>(document.getString("eventId"),
                new SimpleSerializedObject<>(document.getString("payload"), String.class, document.getString("eventType"),
                        document.getString("payloadRevision")),
                new SimpleSerializedObject<>(document.getString("metaData"), String.class, document.getString("metaDataType"), null),
                serializer);
        TrackingToken token = document.getString("token") == null ? null : serializer.deserialize(
                new SimpleSerializedObject<>(document.getString("token"), String.class, document.getString("tokenType"), null));
        Instant timestamp = document.getDate("timestamp").toInstant();
        if (document.getString("aggregateId") != null) {
            return new GenericTrackedDomainEventMessage<>(token, document.getString("aggregateType"), document.getString("aggregateId"),
                    ((Number) document.get("aggregateSequenceNumber")).longValue(), message, () -> timestamp);
        }
        return new GenericTrackedEventMessage<>(token, message, () -> timestamp);
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
