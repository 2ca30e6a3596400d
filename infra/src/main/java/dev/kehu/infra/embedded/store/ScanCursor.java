package dev.kehu.infra.embedded.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A cursor that reads its next batch when asked ({@code getMore}) instead of holding the whole result from the
 * first request, as mongo-java-server's in-memory cursor does. It keeps one matching document ahead, so it can say
 * whether it is exhausted (the server closes a cursor as soon as it is).
 */
final class ScanCursor extends AbstractCursor {

    /** A {@code getMore} without a batch size: a bounded batch rather than the rest of the collection. */
    private static final int DEFAULT_BATCH = 4096;

    private final IdScan scan;
    private final UnaryOperator<List<Document>> projection;
    private Document ahead;

    ScanCursor(long id, IdScan scan, UnaryOperator<List<Document>> projection) {
        super(id);
        this.scan = scan;
        this.projection = projection;
        lookAhead();
    }

    private void lookAhead() {
        List<Document> next = scan.next(1);
        ahead = next.isEmpty() ? null : next.get(0);
    }

    @Override
    public synchronized boolean isEmpty() {
        return ahead == null;
    }

    @Override
    public synchronized List<Document> takeDocuments(int numberToReturn) {
        int wanted = numberToReturn > 0 ? numberToReturn : DEFAULT_BATCH;
        List<Document> batch = new ArrayList<>(Math.min(wanted, 4096));
        if (ahead != null) {
            batch.add(ahead);
            batch.addAll(scan.next(wanted - 1));
            lookAhead();
        }
        return projection.apply(batch);
    }
}
