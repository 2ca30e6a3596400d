package dev.kehu.infra.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.infra.eventstore.PayloadCipher;
import java.util.function.Function;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Seals the personal fields of events ({@link PersonalFields}) under their subject's key ({@link SubjectKeys}) and
 * opens them again. A sealed field is the text {@value #PREFIX} followed by base64 of AES-GCM output over the
 * field's JSON; the associated data is the subject id and the field path, so a sealed value copied elsewhere does
 * not open. A field without the prefix is plaintext from before sealing and is read as it is. A sealed field whose
 * subject was erased (or whose key is missing) reads as {@code [erased]}.
 */
public class PersonalDataCipher implements PayloadCipher {

    static final String PREFIX = "kehu:sealed:v1:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SubjectKeys keys;
    /** A customer's kind by id (for profile changes, which do not carry it); it never changes, so it is cached. */
    private final Function<String, Optional<CustomerKind>> kindOf;
    private final Cache<String, CustomerKind> kinds = Caffeine.newBuilder().maximumSize(SubjectKeys.CACHE_SIZE).build();

    PersonalDataCipher(SubjectKeys keys, Function<String, Optional<CustomerKind>> kindOf) {
        this.keys = keys;
        this.kindOf = kindOf;
    }

    @Override
    public boolean covers(String type) {
        return PersonalFields.BY_TYPE.containsKey(type);
    }

    @Override
    public JsonNode seal(String type, JsonNode payload) {
        List<PersonalFields.Holder> holders = PersonalFields.BY_TYPE.get(type);
        if (holders == null || !(payload instanceof ObjectNode)) {
            return payload;
        }
        JsonNode sealed = payload.deepCopy();
        for (PersonalFields.Holder holder : holders) {
            for (ObjectNode object : holder.objects(sealed)) {
                String subject = holder.subject().apply(sealed, object);
                if (subject == null || holder.individualsOnly() && !individual(sealed)) {
                    continue;
                }
                for (PersonalFields.Field field : holder.fields()) {
                    JsonNode value = object.get(field.name());
                    if (value != null && !value.isNull()) {
                        object.put(field.name(), seal(keys.keyForWriting(subject, PersonalFields.text(sealed, "customerId")), value,
                                associatedData(subject, holder.fieldPath(field))));
                    }
                }
            }
        }
        return sealed;
    }

    @Override
    public JsonNode open(String type, JsonNode payload) {
        List<PersonalFields.Holder> holders = PersonalFields.BY_TYPE.get(type);
        if (holders == null || !(payload instanceof ObjectNode)) {
            return payload;
        }
        JsonNode opened = payload.deepCopy();
        for (PersonalFields.Holder holder : holders) {
            for (ObjectNode object : holder.objects(opened)) {
                String subject = holder.subject().apply(opened, object);
                for (PersonalFields.Field field : holder.fields()) {
                    JsonNode value = object.get(field.name());
                    if (subject != null && value instanceof TextNode text && text.textValue().startsWith(PREFIX)) {
                        object.set(field.name(), open(subject, text.textValue(),
                                associatedData(subject, holder.fieldPath(field))).orElseGet(field.erased()::node));
                    }
                }
            }
        }
        return opened;
    }

    /** Whether the customer of a profile event is an individual: from the event when it says, else as registered. */
    private boolean individual(JsonNode payload) {
        String kind = PersonalFields.text(payload, "kind");
        if (kind != null) {
            return CustomerKind.INDIVIDUAL.name().equals(kind);
        }
        String customerId = PersonalFields.text(payload, "customerId");
        if (customerId == null) {
            return false;
        }
        CustomerKind known = kinds.getIfPresent(customerId);
        if (known == null) {
            known = kindOf.apply(customerId).orElse(null);
            if (known != null) {
                kinds.put(customerId, known);
            }
        }
        return known == CustomerKind.INDIVIDUAL;
    }

    private static String seal(SecretKey key, JsonNode value, byte[] associatedData) {
        try {
            byte[] sealed = Aead.encrypt(key, JSON.writeValueAsBytes(value), associatedData);
            return PREFIX + Base64.getEncoder().encodeToString(sealed);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON value", e);
        }
    }

    /** The value, or empty when the subject has no key (erased). */
    private Optional<JsonNode> open(String subject, String sealed, byte[] associatedData) {
        Optional<SecretKey> key = keys.keyForReading(subject);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            return Optional.of(JSON.readTree(Aead.decrypt(key.get(), bytes, associatedData)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // altered, or moved from another subject or field: an event must still load; the chain shows the change
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("a sealed value is not JSON", e);
        }
    }

    private static byte[] associatedData(String subject, String fieldPath) {
        return (subject + "\n" + fieldPath).getBytes(StandardCharsets.UTF_8);
    }
}
