package dev.kehu.infra.embedded.store;

import java.util.AbstractList;
import java.util.List;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Documents of a reply as the BSON bytes they are stored as, sent on as they are by {@link StoredReplyEncoder}: no
 * decoding into {@link Document}s and encoding back. Anything else that reads the list (a log line, the stock
 * encoder) gets decoded copies, so the reply means the same either way.
 */
final class StoredDocuments extends AbstractList<Document> {

    private final List<byte[]> documents;

    StoredDocuments(List<byte[]> documents) {
        this.documents = documents;
    }

    /** The stored BSON bytes of document {@code index}: not to be changed. */
    byte[] bytes(int index) {
        return documents.get(index);
    }

    @Override
    public Document get(int index) {
        return BsonBytes.decode(documents.get(index));
    }

    @Override
    public int size() {
        return documents.size();
    }
}
