package dev.kehu.infra.audit;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Says what each event of one aggregate changed, folding the aggregate's events in order: the "before" of a field
 * is what the aggregate's earlier events last set it to (or, when the fold started later, the event's own
 * {@code previous…} field). Fields that describe the aggregate's state (credit limit, stage, owner, profile, …) are
 * mapped per event type below; every other payload field is a fact the event states, with no before.
 * One instance folds one aggregate; feed it every event from sequence number 0 on.
 */
final class ChangeDescriber {

    /** Payload fields that are never shown: the aggregate's own id and the fields that hold a "before". */
    private static final Set<String> HIDDEN = Set.of("customerId", "opportunityId", "from", "fromStage", "closedAs");

    /** Event simple name → (payload field → state field). Unlisted fields are facts. */
    private static final Map<String, Map<String, String>> STATE_FIELDS = Map.ofEntries(
            Map.entry("CustomerRegistered", Map.of("kind", "kind", "profile", "profile")),
            Map.entry("CustomerProfileChanged", Map.of("profile", "profile")),
            Map.entry("AccountManagerAssigned", Map.of("accountManager", "accountManager")),
            Map.entry("CreditLimitSet", Map.of("limit", "creditLimit")),
            Map.entry("CreditRatingSet", Map.of("rating", "creditRating")),
            Map.entry("CustomerTierChanged", Map.of("tier", "tier")),
            Map.entry("PrimaryContactChosen", Map.of("contactId", "primaryContact")),
            Map.entry("CustomerMerged", Map.of("survivorId", "mergedInto")),
            Map.entry("OpportunityOpened", Map.of("customerId", "customer", "title", "title", "amount", "amount",
                    "expectedCloseDate", "expectedCloseDate", "source", "source", "ownerId", "owner",
                    "priority", "priority", "stage", "stage", "probability", "probability")),
            Map.entry("OpportunityAmountChanged", Map.of("amount", "amount")),
            Map.entry("OpportunityCloseDateChanged", Map.of("expectedCloseDate", "expectedCloseDate")),
            Map.entry("OpportunityOwnerReassigned", Map.of("ownerId", "owner")),
            Map.entry("OpportunityPriorityChanged", Map.of("priority", "priority")),
            Map.entry("OpportunityProbabilityOverridden", Map.of("probability", "probability")),
            Map.entry("OpportunityStageChanged", Map.of("to", "stage", "probability", "probability")),
            Map.entry("OpportunityReopened", Map.of("stage", "stage", "probability", "probability")),
            Map.entry("BidSubmitted", Map.of("bidAmount", "bidAmount")));

    /** Event simple name → (state field → value the event sets it to), for events that carry it implicitly. */
    private static final Map<String, Map<String, BsonValue>> IMPLIED = Map.ofEntries(
            Map.entry("CustomerRegistered", Map.of("lifecycle", new BsonString("PROSPECT"))),
            Map.entry("CustomerActivated", Map.of("lifecycle", new BsonString("ACTIVE"))),
            Map.entry("CustomerBecameDormant", Map.of("lifecycle", new BsonString("DORMANT"))),
            Map.entry("CustomerChurned", Map.of("lifecycle", new BsonString("CHURNED"))),
            Map.entry("CustomerReactivated", Map.of("lifecycle", new BsonString("REACTIVATED"))),
            Map.entry("CustomerDropped", Map.of("lifecycle", new BsonString("DROPPED"))),
            Map.entry("CreditHoldPlaced", Map.of("creditHold", BsonBoolean.TRUE)),
            Map.entry("CreditHoldReleased", Map.of("creditHold", BsonBoolean.FALSE)),
            Map.entry("OpportunityWon", Map.of("stage", new BsonString("WON"))),
            Map.entry("OpportunityLost", Map.of("stage", new BsonString("LOST"))));

    /** State field → its current text. */
    private final Map<String, String> state = new HashMap<>();

    /** The changes of the next event of the aggregate, and folds it into the state. */
    List<Change> describe(String type, BsonDocument payload) {
        String name = simpleName(type);
        List<Change> changes = new ArrayList<>();
        Map<String, String> stateFields = STATE_FIELDS.getOrDefault(name, Map.of());
        if (name.equals("ContactAdded") || name.equals("ContactChanged")) {
            BsonDocument contact = payload.getDocument("contact", new BsonDocument());
            String prefix = "contact[" + text(contact, "contactId") + "]";
            setAll(prefix, contact, changes);
        } else if (name.equals("ContactRemoved")) {
            String prefix = "contact[" + text(payload, "contactId") + "]";
            for (String key : new ArrayList<>(state.keySet())) {
                if (key.startsWith(prefix + ".")) {
                    changes.add(new Change(key, state.remove(key), ""));
                }
            }
            changes.sort(java.util.Comparator.comparing(Change::field));
        }
        for (Map.Entry<String, BsonValue> field : payload.entrySet()) {
            String key = field.getKey();
            String stateField = stateFields.get(key);
            if (stateField != null) {
                if (field.getValue().isDocument() && !ValueText.isMoney(field.getValue())) {
                    setAll(stateField, field.getValue().asDocument(), changes);
                } else {
                    set(stateField, ValueText.of(key, field.getValue()), previous(payload, key), changes);
                }
            } else if (!HIDDEN.contains(key) && !key.startsWith("previous") && !name.startsWith("Contact")) {
                changes.add(new Change(key, "", ValueText.of(key, field.getValue())));
            }
        }
        IMPLIED.getOrDefault(name, Map.of()).forEach((stateField, value) ->
                set(stateField, ValueText.of(stateField, value), null, changes));
        return changes;
    }

    /** A nested document's fields, each as its own state field ({@code profile.chineseName}); removed ones too. */
    private void setAll(String prefix, BsonDocument document, List<Change> changes) {
        Map<String, String> after = new java.util.TreeMap<>();
        document.forEach((key, value) -> after.put(prefix + "." + key, ValueText.of(key, value)));
        for (String key : new ArrayList<>(state.keySet())) {
            if (key.startsWith(prefix + ".") && !after.containsKey(key)) {
                after.put(key, "");
            }
        }
        after.forEach((field, text) -> set(field, text, null, changes));
    }

    private void set(String field, String after, String previousInPayload, List<Change> changes) {
        String before = state.containsKey(field) ? state.get(field) : Objects.requireNonNullElse(previousInPayload, "");
        if (!before.equals(after)) {
            changes.add(new Change(field, before, after));
        }
        if (after.isEmpty()) {
            state.remove(field);
        } else {
            state.put(field, after);
        }
    }

    /** The event's own record of the field's earlier value ({@code previousLimit} for {@code limit}), if any. */
    private static String previous(BsonDocument payload, String key) {
        String name = "previous" + Character.toUpperCase(key.charAt(0)) + key.substring(1);
        if (key.equals("to")) {
            name = "from";
        } else if (key.equals("limit")) {
            name = "previousLimit";
        } else if (key.equals("ownerId")) {
            name = "previousOwnerId";
        }
        BsonValue value = payload.get(name);
        return value == null || value.isNull() ? null : ValueText.of(key, value);
    }

    private static String text(BsonDocument document, String key) {
        BsonValue value = document.get(key);
        return value == null || !value.isString() ? "" : value.asString().getValue();
    }

    static String simpleName(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }
}
