package dev.kehu.infra.audit;

import dev.kehu.events.registry.EventTypes;
import dev.kehu.query.customer360.Customer360AsOf;
import dev.kehu.query.customer360.Customer360Documents;
import dev.kehu.query.customer360.Customer360View;
import dev.kehu.query.fold.AsOf;
import dev.kehu.query.fold.FoldEvent;
import dev.kehu.query.fold.NotYetExisting;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What differs in a customer's 360 view between two moments, field by field, and which events changed each field in
 * between. Both views and every step between them come from {@link Customer360AsOf} (the live view's fold), so a
 * field here is a field of {@code GET /api/customers/{id}/360}: flattened as {@code credit.limit},
 * {@code contacts[con-1].name}, {@code openOpportunities[opp-7].stage}; values in words as the history shows them
 * ({@link ValueText}: money as {@code 500,000.00 CNY}, stages by their Chinese names).
 */
public class CustomerChanges {

    /** Element keys that name a list element (else its index). */
    private static final List<String> ELEMENT_KEYS = List.of("contactId", "opportunityId", "invoiceNumber", "interactionId",
            "followUpId", "complaintId");

    private static final org.bson.codecs.configuration.CodecRegistry CODECS = com.mongodb.MongoClientSettings.getDefaultCodecRegistry();

    private final Customer360AsOf asOf;

    public CustomerChanges(Customer360AsOf asOf) {
        this.asOf = asOf;
    }

    /** An event that changed a field, and the field's value before and after it. */
    public record EventChange(long position, String aggregateId, long seq, String type, Instant timestamp, String actor,
                              String before, String after) {
    }

    /** A field whose value differs between the two moments. */
    public record FieldChange(String field, String before, String after, List<EventChange> events) {
    }

    public record Result(String customerId, long fromPosition, long toPosition, boolean existedAtFrom, List<FieldChange> changes) {
    }

    public Result between(String customerId, AsOf.Bound from, AsOf.Bound to) {
        Map<String, BsonValue> start;
        boolean existed = true;
        try {
            start = flatten(asOf.view(customerId, from));
        } catch (NotYetExisting e) {
            start = Map.of(); // everything the customer has at "to" is new
            existed = false;
        }
        Map<String, BsonValue> previous = new LinkedHashMap<>(start);
        Map<String, List<EventChange>> byField = new LinkedHashMap<>();
        AsOf.Bound walkFrom = existed ? from : new AsOf.Bound(0, Instant.MIN);
        Customer360View end = asOf.fold(customerId, walkFrom, to, (event, before, after) -> {
            if (after.view() == before.view() || after.view() == null) {
                return;
            }
            Map<String, BsonValue> next = flatten(after.view());
            for (String field : union(previous.keySet(), next.keySet())) {
                BsonValue was = previous.get(field);
                BsonValue now = next.get(field);
                if (!Objects.equals(was, now)) {
                    byField.computeIfAbsent(field, f -> new ArrayList<>()).add(eventChange(event, field, was, now));
                }
            }
            previous.clear();
            previous.putAll(next);
        });
        Map<String, BsonValue> finish = flatten(end);
        List<FieldChange> changes = new ArrayList<>();
        for (String field : union(finish.keySet(), start.keySet())) {
            BsonValue before = start.get(field);
            BsonValue after = finish.get(field);
            if (!Objects.equals(before, after)) {
                changes.add(new FieldChange(field, text(field, before), text(field, after), byField.getOrDefault(field, List.of())));
            }
        }
        return new Result(customerId, from.maxPosition(), to.maxPosition(), existed, changes);
    }

    private static EventChange eventChange(FoldEvent event, String field, BsonValue before, BsonValue after) {
        return new EventChange(event.position(), event.aggregateId(), event.seq(), EventTypes.ALL.shortNameOf(event.payload().getClass()),
                event.timestamp(), event.actor(), text(field, before), text(field, after));
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return all;
    }

    private static String text(String field, BsonValue value) {
        int dot = field.lastIndexOf('.');
        return ValueText.of(dot < 0 ? field : field.substring(dot + 1), value);
    }

    /** The view as field path → value; money and phone numbers are values, lists of records are keyed by their ids. */
    static Map<String, BsonValue> flatten(Customer360View view) {
        Map<String, BsonValue> fields = new LinkedHashMap<>();
        BsonDocument document = Customer360Documents.encode(view).toBsonDocument(Document.class, CODECS);
        document.remove("_id");
        document.remove("appliedPosition");
        flatten("", document, fields);
        return fields;
    }

    private static void flatten(String prefix, BsonDocument document, Map<String, BsonValue> fields) {
        for (Map.Entry<String, BsonValue> entry : document.entrySet()) {
            String path = prefix + entry.getKey();
            BsonValue value = entry.getValue();
            if (value.isDocument() && !isLeaf(value.asDocument())) {
                flatten(path + ".", value.asDocument(), fields);
            } else if (value.isArray() && !value.asArray().isEmpty() && value.asArray().stream().allMatch(BsonValue::isDocument)
                    && value.asArray().stream().noneMatch(v -> isLeaf(v.asDocument()))) {
                flattenList(path, value.asArray(), fields);
            } else {
                fields.put(path, value);
            }
        }
    }

    private static void flattenList(String path, BsonArray list, Map<String, BsonValue> fields) {
        for (int i = 0; i < list.size(); i++) {
            BsonDocument element = list.get(i).asDocument();
            String key = ELEMENT_KEYS.stream().filter(k -> element.isString(k)).findFirst()
                    .map(k -> element.getString(k).getValue()).orElse(Integer.toString(i));
            flatten(path + "[" + key + "].", element, fields);
        }
    }

    /** Money ({@code amount}, {@code currency}) and phone numbers read as one value. */
    private static boolean isLeaf(BsonDocument document) {
        return ValueText.isMoney(document) || document.containsKey("entered") && document.containsKey("normalized")
                || document.isEmpty();
    }
}
