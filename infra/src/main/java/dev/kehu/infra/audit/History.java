package dev.kehu.infra.audit;

import dev.kehu.events.MetadataKeys;
import dev.kehu.infra.eventstore.BsonJson;
import dev.kehu.infra.eventstore.EventFields;
import dev.kehu.infra.eventstore.PayloadCipher;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The history of one customer or opportunity, from its events in the log. Every listing folds the aggregate's
 * events from sequence number 0 (so "before" values are exact) and hands on the entries at or after the cursor
 * that match the filter: a page deep into a long history costs the point reads of the events before it (they run
 * in parallel, see {@link AuditLog}); the first page reads its events and one more, a full export each event once.
 */
public class History {

    public static final int MAX_LIMIT = 1000;

    private final AuditLog log;
    /** Opens sealed personal fields (docs/privacy.md): an erased person's read {@code [erased]}. */
    private final PayloadCipher cipher;

    public History(AuditLog log) {
        this(log, PayloadCipher.NONE);
    }

    public History(AuditLog log, PayloadCipher cipher) {
        this.log = log;
        this.cipher = cipher;
    }

    /** One page: up to {@code limit} entries from sequence number {@code fromSeq} on; the cursor of the next page. */
    public record Page(String aggregateType, String aggregateId, List<HistoryEntry> entries, String nextCursor) {
    }

    public Page page(AuditedAggregate kind, String id, HistoryFilter filter, long fromSeq, int limit) {
        List<HistoryEntry> entries = new ArrayList<>();
        long[] nextSeq = {-1};
        // the fold reads from sequence 0: the events before the page, the page, and one more for the next cursor
        long expected = fromSeq + limit + 1;
        stream(kind, id, filter, fromSeq, expected, entry -> {
            if (entries.size() == limit) {
                nextSeq[0] = entry.seq();
                return false;
            }
            entries.add(entry);
            return true;
        });
        return new Page(kind.storedType(), id, entries, nextSeq[0] < 0 ? null : Long.toString(nextSeq[0]));
    }

    /** @throws AggregateNotFound when the aggregate has no event, or is of another type */
    public void requireExists(AuditedAggregate kind, String id) {
        BsonDocument first = log.byKey(id, 0);
        if (first == null || !kind.storedType().equals(text(first, EventFields.AGGREGATE_TYPE))) {
            throw new AggregateNotFound(kind, id);
        }
    }

    /**
     * Hands the matching entries from {@code fromSeq} on to {@code sink}, in order, until it answers false.
     *
     * @throws AggregateNotFound when the aggregate has no event, or is of another type
     */
    public void stream(AuditedAggregate kind, String id, HistoryFilter filter, long fromSeq,
                       Predicate<HistoryEntry> sink) {
        stream(kind, id, filter, fromSeq, Long.MAX_VALUE, sink);
    }

    /** Like the above, reading ahead for about {@code expected} events (see {@link AuditLog#readAggregate}). */
    private void stream(AuditedAggregate kind, String id, HistoryFilter filter, long fromSeq, long expected,
                        Predicate<HistoryEntry> sink) {
        ChangeDescriber describer = new ChangeDescriber();
        boolean[] seen = {false};
        log.readAggregate(id, 0, expected, document -> {
            if (!seen[0]) { // the first event (sequence 0) says whether this is the aggregate asked for
                seen[0] = true;
                if (!kind.storedType().equals(text(document, EventFields.AGGREGATE_TYPE))) {
                    throw new AggregateNotFound(kind, id);
                }
            }
            String type = text(document, EventFields.TYPE);
            BsonDocument payload = document.isDocument(EventFields.PAYLOAD)
                    ? document.getDocument(EventFields.PAYLOAD) : new BsonDocument();
            if (cipher.covers(type)) {
                payload = BsonJson.toBson(cipher.open(type, BsonJson.toJson(payload))).asDocument();
            }
            List<Change> changes = describer.describe(type, payload);
            long seq = document.getNumber(EventFields.SEQ).longValue();
            if (seq < fromSeq) {
                return true;
            }
            HistoryEntry entry = entry(document, type, payload, changes);
            return !filter.matches(entry, type) || sink.test(entry);
        });
        if (!seen[0]) {
            requireExists(kind, id); // no visible event: unknown (404), or only a commit still being written
        }
    }

    private static HistoryEntry entry(BsonDocument document, String type, BsonDocument payload, List<Change> changes) {
        BsonDocument metadata = document.isDocument(EventFields.METADATA)
                ? document.getDocument(EventFields.METADATA) : new BsonDocument();
        Map<String, String> links = new LinkedHashMap<>();
        String name = ChangeDescriber.simpleName(type);
        if (name.equals("CustomerMerged")) {
            links.put("survivor", AuditedAggregate.CUSTOMER.path(text(payload, "survivorId")) + "/history");
        } else if (name.equals("DuplicateCustomerAbsorbed")) {
            links.put("duplicate", AuditedAggregate.CUSTOMER.path(text(payload, "duplicateId")) + "/history");
        } else if (name.equals("OpportunityOpened") || name.equals("OpportunityWon")) {
            links.put("customer", AuditedAggregate.CUSTOMER.path(text(payload, "customerId")) + "/history");
        } else if (payload.isString("opportunityId") && document.getString(EventFields.AGGREGATE_TYPE,
                new org.bson.BsonString("")).getValue().equals("Customer")) {
            links.put("opportunity", AuditedAggregate.OPPORTUNITY.path(text(payload, "opportunityId")) + "/history");
        }
        return new HistoryEntry(document.getNumber(EventFields.ID).longValue(),
                document.getNumber(EventFields.SEQ).longValue(),
                Instant.ofEpochMilli(document.getDateTime(EventFields.TIMESTAMP).getValue()),
                name, text(metadata, MetadataKeys.ACTOR), text(metadata, MetadataKeys.REASON),
                text(metadata, MetadataKeys.CORRELATION_ID), text(metadata, MetadataKeys.CAUSATION_ID),
                List.copyOf(changes), links);
    }

    static String text(BsonDocument document, String key) {
        BsonValue value = document.get(key);
        return value == null || !value.isString() ? null : value.asString().getValue();
    }
}
