package dev.kehu.infra.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.infra.eventstore.PayloadCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.SecretKey;

/**
 * Seals the personal fields of events ({@link PersonalFields}) under their subject's key ({@link SubjectKeys}) and
 * opens them again. A sealed field is the text {@value #PREFIX} followed by base64 of AES-GCM output over the
 * field's JSON; the associated data is the subject id and the field path, so a sealed value copied elsewhere does
 * not open. A field without the prefix is plaintext from before sealing and is read as it is. A sealed field whose
 * subject was erased (or whose key is missing) reads as {@code [erased]}.
 *
 * <p>Neither direction changes the payload it is given: only the nodes on the way to a changed field are copied
 * ({@link PayloadRewrite}), and a payload without sealed fields opens to itself. A batch read from the stream is
 * opened at once ({@link #openAll}): its subjects' keys are read with one query.
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
        String customerId = PersonalFields.text(payload, "customerId");
        return PayloadRewrite.fields(PersonalFields.BY_TYPE.get(type), payload, (holder, subject, field, value) -> {
            if (subject == null || value == null || value.isNull() || holder.individualsOnly() && !individual(payload)) {
                return null;
            }
            SecretKey key = keys.keyForWriting(subject, customerId, holder.creates());
            return TextNode.valueOf(seal(key, value, associatedData(subject, holder.fieldPath(field))));
        });
    }

    @Override
    public JsonNode open(String type, JsonNode payload) {
        return PayloadRewrite.fields(PersonalFields.BY_TYPE.get(type), payload, (holder, subject, field, value) ->
                subject != null && sealed(value)
                        ? open(subject, value.textValue(), associatedData(subject, holder.fieldPath(field)))
                                .orElseGet(field.erased()::node)
                        : null);
    }

    /** Opens a batch: the keys of every subject with a sealed field are read first, with one query. */
    @Override
    public List<JsonNode> openAll(List<String> types, List<JsonNode> payloads) {
        Set<String> subjects = new HashSet<>();
        for (int i = 0; i < payloads.size(); i++) {
            PayloadRewrite.fields(PersonalFields.BY_TYPE.get(types.get(i)), payloads.get(i),
                    (holder, subject, field, value) -> {
                        if (subject != null && sealed(value)) {
                            subjects.add(subject);
                        }
                        return null;
                    });
        }
        keys.prefetch(subjects);
        return PayloadCipher.super.openAll(types, payloads);
    }

    private static boolean sealed(JsonNode value) {
        return value instanceof TextNode text && text.textValue().startsWith(PREFIX);
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
            return Optional.of(json(Aead.decrypt(key.get(), bytes, associatedData)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // altered, or moved from another subject or field: an event must still load; the chain shows the change
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("a sealed value is not JSON", e);
        }
    }

    /**
     * The JSON value of opened bytes. Most are plain texts (names, e-mails, notes) that Jackson wrote without an
     * escape: those are read without a parser; anything else by Jackson.
     */
    private static JsonNode json(byte[] bytes) throws IOException {
        int last = bytes.length - 1;
        if (last > 0 && bytes[0] == '"' && bytes[last] == '"') {
            boolean escaped = false;
            for (int i = 1; i < last && !escaped; i++) {
                escaped = bytes[i] == '\\';
            }
            if (!escaped) {
                return TextNode.valueOf(new String(bytes, 1, last - 1, StandardCharsets.UTF_8));
            }
        }
        return JSON.readTree(bytes);
    }

    private static byte[] associatedData(String subject, String fieldPath) {
        return (subject + "\n" + fieldPath).getBytes(StandardCharsets.UTF_8);
    }
}
