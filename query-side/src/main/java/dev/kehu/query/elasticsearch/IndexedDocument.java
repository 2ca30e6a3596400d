package dev.kehu.query.elasticsearch;

import java.util.Map;

/**
 * A document a projection keeps in its Elasticsearch index ({@link ProjectionIndexWriter}): it knows its id, the
 * version of the last event applied to it (written as the external version, so the index rejects replays), how
 * to copy itself, and its JSON source.
 *
 * @param <D> the document type itself
 */
public interface IndexedDocument<D extends IndexedDocument<D>> {

    String id();

    /** The version of the last event applied: a global position or an aggregate sequence number. */
    long version();

    void version(long version);

    /** A deep copy: a change that fails half-way (a poison event) is made on the copy and dropped. */
    D copy();

    Map<String, Object> toSource();
}
