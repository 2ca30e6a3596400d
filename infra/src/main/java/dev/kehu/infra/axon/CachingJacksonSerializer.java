package dev.kehu.infra.axon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.kehu.events.registry.EventTypes;
import dev.kehu.infra.eventstore.JsonParsable;
import dev.kehu.infra.eventstore.PayloadCipher;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
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
 *
 * <p>Events are written and read under their registered names ({@link EventTypes}), not their class names, so an
 * event class can move without changing what is stored (and hashed). A class of shared-events that is not registered
 * is refused on writing, and a stored event name (one in {@code dev.kehu.events.}, or a short one) that no class is
 * registered under is refused on reading ({@link UnknownEventTypeException}). Every other type (metadata, tokens,
 * snapshots of aggregates) keeps Axon's class name.
 *
 * <p>It carries the store's {@link PayloadCipher}: the engine seals personal fields with it when it writes, and
 * {@link #deserialize} opens them before binding an event of a type the cipher covers (such events skip the direct
 * binding from bytes).
 */
public class CachingJacksonSerializer extends JacksonSerializer implements PayloadCipher.Holder {

    private static final Logger log = LoggerFactory.getLogger(CachingJacksonSerializer.class);

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Class<?>, SerializedType> types = new ConcurrentHashMap<>();
    private final EventTypes eventTypes;
    private final PayloadCipher cipher;

    public CachingJacksonSerializer(JacksonSerializer.Builder builder, EventTypes eventTypes) {
        this(builder, eventTypes, PayloadCipher.NONE);
    }

    public CachingJacksonSerializer(JacksonSerializer.Builder builder, EventTypes eventTypes, PayloadCipher cipher) {
        super(builder);
        this.eventTypes = eventTypes;
        this.cipher = cipher;
    }

    @Override
    public PayloadCipher payloadCipher() {
        return cipher;
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
        Class<?> resolved = eventTypes.classOf(type.getName()).orElseGet(() -> notAnEventName(type));
        if (UnknownSerializedType.class.equals(resolved)) {
            return resolved; // not cached: Axon remembers unknown names itself
        }
        return classes.computeIfAbsent(type.getName(), name -> resolved);
    }

    /** A type no event is registered under: by its class name, as Axon does, unless the name is one only events use. */
    private Class<?> notAnEventName(SerializedType type) {
        String name = type.getName();
        if (name.startsWith(EventTypes.LEGACY_PREFIX)) {
            throw new UnknownEventTypeException("No event class is registered under the stored type '" + name
                    + "': a stored name never changes; give the class that reads it @EventType(\"" + name
                    + "\") and list it in EventTypes");
        }
        Class<?> resolved = super.classForType(type);
        if (UnknownSerializedType.class.equals(resolved) && EventTypes.isEventName(name)) {
            throw new UnknownEventTypeException("No event class is registered under the stored type '" + name
                    + "': list the class annotated @EventType(\"" + name + "\") in EventTypes");
        }
        return resolved;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return type == null ? super.typeForClass(null) : types.computeIfAbsent(type, this::storedType);
    }

    private SerializedType storedType(Class<?> type) {
        String name = eventTypes.nameOf(type).orElse(null);
        if (name != null) {
            return new SimpleSerializedType(name, getRevisionResolver().revisionOf(type));
        }
        if (type.getName().startsWith(EventTypes.LEGACY_PREFIX)) {
            throw new UnknownEventTypeException(type.getName() + " is not a registered event type: annotate it with"
                    + " @EventType and list it in EventTypes (dev.kehu.events.registry)");
        }
        return super.typeForClass(type);
    }

    /**
     * Binds data the event store can hand over as bytes ({@link JsonParsable}) straight from them; everything else,
     * and anything the direct parse fails on, the way Axon does it (through the tree).
     */
    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        String typeName = serializedObject.getType().getName();
        if (typeName != null && cipher.covers(typeName)) {
            JsonNode opened = serializedObject instanceof PayloadCipher.Openable openable ? openable.openedPayload() : null;
            if (opened == null) { // not opened ahead with its batch
                opened = cipher.open(typeName, getConverter().convert(serializedObject, JsonNode.class).getData());
            }
            return super.deserialize(new SimpleSerializedObject<>(opened, JsonNode.class, serializedObject.getType()));
        }
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
