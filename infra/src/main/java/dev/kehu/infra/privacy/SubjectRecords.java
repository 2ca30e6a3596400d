package dev.kehu.infra.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.registry.EventTypes;
import dev.kehu.infra.axon.AxonConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Everything the log holds about one data subject: the personal fields ({@link PersonalFields}) of every event of
 * the customer that are the subject's, as the event store reads them (in plaintext while the key exists,
 * {@code [erased]} after). What the export hands out, and what erasure looks for in views and the search index.
 */
class SubjectRecords {

    /** One event's fields of the subject, by field path ({@code contact.name}). */
    record Record(String type, long seq, String timestamp, Map<String, JsonNode> fields) {
    }

    /** The subject's records in one customer's log, and the duplicates merged into it that held the subject too. */
    record Found(List<Record> records, Set<String> duplicateIds) {

        /** Every text the records hold (names, numbers as entered and normalized, addresses, notes…). */
        Set<String> texts() {
            Set<String> texts = new LinkedHashSet<>();
            records.forEach(record -> record.fields().values().forEach(value -> collect(value, texts)));
            texts.remove(PersonalFields.Erased.ERASED);
            texts.remove("");
            return texts;
        }

        private static void collect(JsonNode value, Set<String> texts) {
            if (value.isTextual()) {
                texts.add(value.textValue());
            } else {
                value.forEach(element -> collect(element, texts));
            }
        }
    }

    private static final ObjectMapper JSON = AxonConfiguration.messageObjectMapper();
    private final EventStore eventStore;

    SubjectRecords(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    Found find(String customerId, String subjectId) {
        List<Record> records = new ArrayList<>();
        Set<String> duplicates = new LinkedHashSet<>();
        CustomerKind kind = null;
        for (DomainEventMessage<?> event : eventStore.readEvents(customerId).asStream().toList()) {
            String type = EventTypes.ALL.nameOf(event.getPayloadType()).orElse(event.getPayloadType().getName());
            JsonNode payload = JSON.valueToTree(event.getPayload());
            if (payload.hasNonNull("kind") && payload.has("profile")) {
                kind = CustomerKind.valueOf(payload.get("kind").asText());
            }
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            for (PersonalFields.Holder holder : PersonalFields.BY_TYPE.getOrDefault(type, List.of())) {
                if (holder.individualsOnly() && kind != CustomerKind.INDIVIDUAL) {
                    continue;
                }
                for (ObjectNode object : holder.objects(payload)) {
                    if (subjectId.equals(holder.subject().apply(payload, object))) {
                        holder.fields().stream().filter(field -> object.hasNonNull(field.name()))
                                .forEach(field -> fields.put(holder.fieldPath(field), object.get(field.name())));
                        if (payload.hasNonNull("duplicateId")) {
                            duplicates.add(payload.get("duplicateId").asText());
                        }
                    }
                }
            }
            if (!fields.isEmpty()) {
                records.add(new Record(event.getPayloadType().getSimpleName(), event.getSequenceNumber(),
                        event.getTimestamp().toString(), fields));
            }
        }
        return new Found(records, duplicates);
    }
}
