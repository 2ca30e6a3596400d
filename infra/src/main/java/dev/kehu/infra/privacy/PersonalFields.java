package dev.kehu.infra.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactChanged;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.registry.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The one list of personal fields in event payloads (docs/privacy.md repeats it): which event types hold them,
 * where, and whose they are (the data subject whose key seals them).
 *
 * <ul>
 *   <li>A customer's profile ({@code CustomerRegistered}, {@code CustomerProfileChanged}; subject: the customer):
 *       {@code chineseName}, {@code latinName}, {@code mobile}, {@code email}, {@code addresses},
 *       {@code preferences}, {@code notes}; of individuals only (a company's profile stays readable). The
 *       profile change does not say the customer's kind: the command side's customer directory does.</li>
 *   <li>A contact card ({@code ContactAdded}, {@code ContactChanged}, each of {@code DuplicateCustomerAbsorbed}'s
 *       {@code contacts}; subject: the contact): {@code name}, {@code phones}, {@code emails}, {@code notes}.</li>
 *   <li>An interaction's free-text {@code notes} ({@code InteractionRecorded}; subject: the contact it names, else
 *       the customer, so notes of a company without a named contact are sealed under the company's key, which is
 *       never erased).</li>
 * </ul>
 * A null field stays null (so whether a field was empty is visible); everything else is sealed as a whole value.
 */
final class PersonalFields {

    /** What an erased field reads as: the word {@value #ERASED} where the field's shape allows it. */
    enum Erased {
        TEXT, TEXT_LIST, PHONE, PHONE_LIST, TEXT_MAP;

        static final String ERASED = "[erased]";
        private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

        JsonNode node() {
            return switch (this) {
                case TEXT -> NODES.textNode(ERASED);
                case TEXT_LIST -> NODES.arrayNode().add(ERASED);
                // an empty normalized number: claims and search skip it, as they skip a missing number
                case PHONE -> NODES.objectNode().put("entered", ERASED).put("normalized", "");
                case PHONE_LIST -> NODES.arrayNode().add(PHONE.node());
                case TEXT_MAP -> NODES.objectNode().put(ERASED, ERASED);
            };
        }
    }

    /** A personal field of a holder, and what it reads as once erased. */
    record Field(String name, Erased erased) {
    }

    /**
     * Where an event holds one subject's fields: the object at {@code path} of the payload (an empty path: the payload
     * itself; {@code array}: each element of the array there), whose subject {@code subject} finds; with
     * {@code individualsOnly}, only when the customer is an individual (a company's profile is no person's data);
     * {@code creates}: the event brings the subject into being (a registration, a new contact), so its key is new.
     */
    record Holder(String path, boolean array, BiFunction<JsonNode, JsonNode, String> subject, List<Field> fields,
                  boolean individualsOnly, boolean creates) {

        Holder(String path, boolean array, BiFunction<JsonNode, JsonNode, String> subject, List<Field> fields) {
            this(path, array, subject, fields, false, false);
        }

        /** The objects holding the fields in {@code payload} (a copy may be passed: they are changed in place). */
        List<ObjectNode> objects(JsonNode payload) {
            JsonNode node = path.isEmpty() ? payload : payload.get(path);
            List<ObjectNode> objects = new ArrayList<>();
            if (array && node instanceof ArrayNode elements) {
                elements.forEach(element -> {
                    if (element instanceof ObjectNode object) {
                        objects.add(object);
                    }
                });
            } else if (!array && node instanceof ObjectNode object) {
                objects.add(object);
            }
            return objects;
        }

        /** The field path sealed values are bound to (associated data), e.g. {@code profile.chineseName}. */
        String fieldPath(Field field) {
            return path.isEmpty() ? field.name() : path + "." + field.name();
        }
    }

    private static final List<Field> PROFILE = List.of(new Field("chineseName", Erased.TEXT),
            new Field("latinName", Erased.TEXT), new Field("mobile", Erased.PHONE), new Field("email", Erased.TEXT),
            new Field("addresses", Erased.TEXT_LIST), new Field("preferences", Erased.TEXT_MAP),
            new Field("notes", Erased.TEXT));
    private static final List<Field> CONTACT = List.of(new Field("name", Erased.TEXT),
            new Field("phones", Erased.PHONE_LIST), new Field("emails", Erased.TEXT_LIST),
            new Field("notes", Erased.TEXT));

    private static final BiFunction<JsonNode, JsonNode, String> CUSTOMER_ID = (payload, holder) -> text(payload, "customerId");
    private static final BiFunction<JsonNode, JsonNode, String> CONTACT_ID = (payload, holder) -> text(holder, "contactId");

    static final Map<String, List<Holder>> BY_TYPE = Map.of(
            name(CustomerRegistered.class), List.of(new Holder("profile", false, CUSTOMER_ID, PROFILE, true, true)),
            name(CustomerProfileChanged.class), List.of(new Holder("profile", false, CUSTOMER_ID, PROFILE, true, false)),
            name(ContactAdded.class), List.of(new Holder("contact", false, CONTACT_ID, CONTACT, false, true)),
            name(ContactChanged.class), List.of(new Holder("contact", false, CONTACT_ID, CONTACT)),
            name(DuplicateCustomerAbsorbed.class),
            List.of(new Holder("contacts", true, CONTACT_ID, CONTACT)),
            name(InteractionRecorded.class), List.of(new Holder("", false,
                    (payload, holder) -> text(payload, "contactId") != null ? text(payload, "contactId")
                            : text(payload, "customerId"), List.of(new Field("notes", Erased.TEXT)))));

    private PersonalFields() {
    }

    private static String name(Class<?> event) {
        return EventTypes.ALL.nameOf(event).orElseThrow();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
