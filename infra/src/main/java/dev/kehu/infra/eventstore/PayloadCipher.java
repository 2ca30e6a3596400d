package dev.kehu.infra.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens to an event's payload on its way into the log and back out. Sealing replaces the personal fields of
 * an event by ciphertext before its document is built, so the hash chain covers the stored (sealed) bytes and still
 * verifies once a key is deleted; opening gives readers the fields back, or {@code [erased]} where the key is gone.
 * Kehu's implementation is {@code dev.kehu.infra.privacy.PersonalDataCipher} (docs/privacy.md).
 *
 * <p>The serializer carries it ({@link Holder}), so the engine's writes and every Axon read of a payload (aggregates,
 * processors, as-of) use the same one. A payload without sealed values (an event stored before sealing existed) opens
 * to itself.
 */
public interface PayloadCipher {

    /** Seals nothing, opens nothing. */
    PayloadCipher NONE = new PayloadCipher() {
        @Override
        public boolean covers(String type) {
            return false;
        }

        @Override
        public JsonNode seal(String type, JsonNode payload) {
            return payload;
        }

        @Override
        public JsonNode open(String type, JsonNode payload) {
            return payload;
        }
    };

    /** Whether events stored under this type name have fields this cipher seals. */
    boolean covers(String type);

    /** The payload as it is to be stored; never changes {@code payload} itself. */
    JsonNode seal(String type, JsonNode payload);

    /** The payload as readers see it; never changes {@code payload} itself. */
    JsonNode open(String type, JsonNode payload);

    /**
     * {@link #open} of each payload of a batch read from the stream ({@code types.get(i)} is the stored type of
     * {@code payloads.get(i)}, one of those this cipher covers), free to prepare for the whole batch at once.
     */
    default List<JsonNode> openAll(List<String> types, List<JsonNode> payloads) {
        List<JsonNode> opened = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            opened.add(open(types.get(i), payloads.get(i)));
        }
        return opened;
    }

    /**
     * Serialized data that may have been opened ahead (a batch of the stream). Its own data stays the stored, sealed
     * form (what a parked dead letter keeps); the opened payload is kept beside it.
     */
    interface Openable {
        /** The payload opened ahead, or null. */
        JsonNode openedPayload();
    }

    /** A serializer that knows the cipher of the store it writes to. */
    interface Holder {
        PayloadCipher payloadCipher();
    }

    /** The cipher {@code serializer} carries, or {@link #NONE}. */
    static PayloadCipher of(Object serializer) {
        return serializer instanceof Holder holder ? holder.payloadCipher() : NONE;
    }
}
