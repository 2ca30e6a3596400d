package dev.kehu.infra.axon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.kehu.infra.eventstore.JsonParsable;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's {@link JacksonSerializer}, remembering what it looks up for every message: the class of a serialized type
 * (Axon asks for it to route each event to its handlers and again to deserialize it, and every lookup is a
 * {@code Class.forName}) and the Jackson reader of that class (immutable, so one per class serves all threads).
 * Events read from the stream it binds straight from their stored bytes.
 */
public class CachingJacksonSerializer extends JacksonSerializer {

    private static final Logger log = LoggerFactory.getLogger(CachingJacksonSerializer.class);

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    public CachingJacksonSerializer(JacksonSerializer.Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        // the stream hands out one String per type name, so this lookup is an identity hit
        Class<?> known = type.getName() == null ? null : classes.get(type.getName());
        if (known != null) {
            return known;
        }
        if (SerializedType.emptyType().equals(type)) {
            return super.classForType(type);
        }
        return classes.computeIfAbsent(type.getName(), name -> super.classForType(type));
    }

    /**
     * Binds data the event store can hand over as bytes ({@link JsonParsable}) straight from them; everything else,
     * and anything the direct parse fails on, the way Axon does it (through the tree).
     */
    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (serializedObject instanceof JsonParsable parsable && !SerializedType.isEmptyType(serializedObject.getType())) {
            Class<?> type = classForType(serializedObject.getType());
            JsonParser parser = UnknownSerializedType.class.isAssignableFrom(type) ? null
                    : parsable.jsonParser(getObjectMapper());
            if (parser != null) {
                try (parser) {
                    return (T) getReader(type).readValue(parser);
                } catch (IOException | RuntimeException e) {
                    log.debug("Reading {} from its bytes failed; reading it through the tree", type.getName(), e);
                }
            }
        }
        return super.deserialize(serializedObject);
    }

    @Override
    protected ObjectReader getReader(Class<?> type) {
        return readers.computeIfAbsent(type, super::getReader);
    }
}
