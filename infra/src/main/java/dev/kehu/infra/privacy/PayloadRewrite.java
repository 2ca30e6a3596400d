package dev.kehu.infra.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Replaces personal fields of a payload without changing it: copy-on-write along the path to each changed field. The
 * payload's root, the holder object (or array and element) and nothing else is copied, and only once something
 * changes; a payload with nothing to change comes back as it is. (A deep copy of every payload was the largest cost of
 * reading sealed events.)
 */
final class PayloadRewrite {

    /** A field's new value, or null to keep it; {@code subject} may be null (a holder without one). */
    @FunctionalInterface
    interface FieldChange {
        JsonNode change(PersonalFields.Holder holder, String subject, PersonalFields.Field field, JsonNode value);
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode original;
    private ObjectNode root;

    private PayloadRewrite(ObjectNode original) {
        this.original = original;
    }

    /** {@code payload} with the holders' fields changed by {@code change}; {@code payload} itself when none changes. */
    static JsonNode fields(List<PersonalFields.Holder> holders, JsonNode payload, FieldChange change) {
        if (holders == null || !(payload instanceof ObjectNode object)) {
            return payload;
        }
        PayloadRewrite rewrite = new PayloadRewrite(object);
        for (PersonalFields.Holder holder : holders) {
            JsonNode at = holder.path().isEmpty() ? object : object.get(holder.path());
            if (holder.array() && at instanceof ArrayNode elements) {
                for (int i = 0; i < elements.size(); i++) {
                    if (elements.get(i) instanceof ObjectNode element) {
                        rewrite.visit(holder, i, element, change);
                    }
                }
            } else if (!holder.array() && at instanceof ObjectNode holderObject) {
                rewrite.visit(holder, -1, holderObject, change);
            }
        }
        return rewrite.root == null ? payload : rewrite.root;
    }

    private void visit(PersonalFields.Holder holder, int index, ObjectNode object, FieldChange change) {
        String subject = holder.subject().apply(original, object);
        ObjectNode target = null;
        for (PersonalFields.Field field : holder.fields()) {
            JsonNode changed = change.change(holder, subject, field, object.get(field.name()));
            if (changed != null) {
                if (target == null) {
                    target = writable(holder, index);
                }
                target.set(field.name(), changed);
            }
        }
    }

    /** The holder object in the copy: copied on first use, with the nodes above it. */
    private ObjectNode writable(PersonalFields.Holder holder, int index) {
        if (root == null) {
            root = copy(original);
        }
        if (holder.path().isEmpty()) {
            return root;
        }
        JsonNode originalAt = original.get(holder.path());
        JsonNode at = root.get(holder.path());
        if (!holder.array()) {
            if (at == originalAt) {
                root.set(holder.path(), copy((ObjectNode) originalAt));
            }
            return (ObjectNode) root.get(holder.path());
        }
        ArrayNode elements = (ArrayNode) at;
        if (at == originalAt) {
            elements = NODES.arrayNode(elements.size()).addAll(elements);
            root.set(holder.path(), elements);
        }
        JsonNode element = elements.get(index);
        if (element == originalAt.get(index)) {
            elements.set(index, copy((ObjectNode) element));
        }
        return (ObjectNode) elements.get(index);
    }

    private static ObjectNode copy(ObjectNode node) {
        ObjectNode copy = NODES.objectNode();
        copy.setAll(node);
        return copy;
    }
}
