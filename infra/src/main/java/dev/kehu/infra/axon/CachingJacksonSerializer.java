package dev.kehu.infra.axon;

import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's {@link JacksonSerializer}, remembering what it looks up for every message: the class of a serialized type
 * (Axon asks for it to route each event to its handlers and again to deserialize it, and every lookup is a
 * {@code Class.forName}) and the Jackson reader of that class (immutable, so one per class serves all threads).
 */
public class CachingJacksonSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    public CachingJacksonSerializer(JacksonSerializer.Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        if (SerializedType.emptyType().equals(type)) {
            return super.classForType(type);
        }
        return classes.computeIfAbsent(type.getName(), name -> super.classForType(type));
    }

    @Override
    protected ObjectReader getReader(Class<?> type) {
        return readers.computeIfAbsent(type, super::getReader);
    }
}
