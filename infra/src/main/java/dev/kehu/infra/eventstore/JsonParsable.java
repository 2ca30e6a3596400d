package dev.kehu.infra.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;

/**
 * Serialized data Jackson can bind straight from its stored bytes, without building a {@code JsonNode} tree first.
 * The event store's payloads and metadata read from the stream are; {@code CachingJacksonSerializer} uses it.
 */
public interface JsonParsable {

    /**
     * A parser over the data, or null when it is only available as a tree. The parser may fail on a value it
     * cannot read; the tree ({@code getData()}) is then the way to read it.
     */
    JsonParser jsonParser(ObjectCodec codec);
}
