package dev.kehu.infra.embedded.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * A collection in one MVStore map, {@code _id} → BSON bytes, in {@code _id} order. What it does differently from
 * mongo-java-server's H2 collection, and why:
 *
 * <ul>
 *   <li>Queries no index answers walk only the {@code _id} range the query allows ({@link IdRange}), in {@code _id}
 *       order, so a sort on {@code _id} costs nothing. A {@code find} with a batch size gets a lazy cursor
 *       ({@link ScanCursor}): each {@code getMore} reads its own batch; nothing is materialised up front.</li>
 *   <li>Reads take no lock: every read decodes its own copy of the bytes, and MVStore maps are safe to read while
 *       written. Writes stay one at a time per collection, as in the stock collection.</li>
 *   <li>The data size is not tracked: it cost an extra BSON encoding and a map write per insert, and nothing here
 *       asks for it ({@code collStats} reports 0).</li>
 * </ul>
 */
final class StoreCollection extends AbstractMongoCollection<Object> {

    private final MVMap<Object, byte[]> data;
    private final ChangeLog changes;
    /** The indexes, copied on every change so that lock-free reads never see the list being changed. */
    private volatile List<Index<Object>> indexes = List.of();

    StoreCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, byte[]> data,
                    ChangeLog changes, CursorRegistry cursorRegistry) {
        super(database, name, options, cursorRegistry);
        this.data = data;
        this.changes = changes;
    }

    // ------------------------------------------------------------------------------------------ reads (no lock)

    @Override
    public QueryResult handleQuery(QueryParameters parameters) {
        if (parameters.getBatchSize() > 0) {
            Document selector = parameters.getQuerySelector();
            Document query = selector;
            Document orderBy = null;
            if (selector.containsKey("$query")) {
                query = (Document) selector.get("$query");
                orderBy = (Document) selector.get("$orderby");
            } else if (selector.containsKey("query")) {
                query = (Document) selector.get("query");
                orderBy = (Document) selector.get("orderby");
            }
            if (inIdOrder(orderBy) && indexFor(query) == null) {
                return lazily(query, parameters);
            }
        }
        return super.handleQuery(parameters);
    }

    private QueryResult lazily(Document query, QueryParameters parameters) {
        IdScan scan = scan(query, parameters.getNumberToSkip(), parameters.getLimit());
        List<Document> first = project(scan.next(parameters.getBatchSize()), parameters.getProjection());
        if (scan.isDone()) {
            return new QueryResult(first);
        }
        Document projection = parameters.getProjection();
        ScanCursor cursor = new ScanCursor(cursorRegistry.generateCursorId(), scan, batch -> project(batch, projection));
        if (cursor.isEmpty()) {
            return new QueryResult(first);
        }
        cursorRegistry.add(cursor);
        return new QueryResult(first, cursor);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Index<Object> index = indexFor(query);
        if (index != null) {
            return matchDocuments(query, index.getPositions(query), orderBy, numberToSkip, limit, batchSize,
                    fieldSelector);
        }
        return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        if (inIdOrder(orderBy)) {
            List<Document> matched = project(scan(query, numberToSkip, limit).rest(), fieldSelector);
            return createQueryResult(matched, batchSize);
        }
        Stream<Document> inRange = scan(query, 0, 0).rest().stream();
        if (isNaturalDescending(orderBy)) {
            List<Document> reversed = new ArrayList<>(inRange.toList());
            Collections.reverse(reversed);
            inRange = reversed.stream();
            orderBy = null;
        }
        return matchDocumentsFromStream(inRange, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** As the stock version, but a document removed since the index lookup (reads take no lock) is skipped. */
    @Override
    protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy,
                                         int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        Stream<Document> documents = StreamSupport.stream(positions.spliterator(), false)
                .map(this::getDocument)
                .filter(Objects::nonNull);
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * The stored bytes of the documents {@code filter} selects, for a reply that sends them as they are
     * ({@link StoredFind}), or null when the stock path must answer: no index answers the filter, the order is not
     * the index's, or more documents match than one batch holds (a cursor is the stock path's business). When the
     * index answers the filter exactly (equality on plain strings and integers, {@code $in} of them, a range of
     * {@link UniqueIndexRange}) the documents are not decoded at all; otherwise each is decoded and matched.
     */
    StoredDocuments findStored(Document filter, Document sort, int skip, int limit, int batchSize) {
        Index<Object> index = indexFor(filter);
        if (index == null) {
            return null;
        }
        boolean range = index instanceof StoreUniqueIndex unique && unique.rangeField(filter) != null;
        if (sort != null && !sort.isEmpty()
                && !(range && sort.equals(new Document(((StoreUniqueIndex) index).rangeField(filter), 1)))) {
            return null;
        }
        boolean exact = range || StoredFind.plainEquality(filter);
        List<byte[]> found = new ArrayList<>();
        int skipped = 0;
        for (Object position : index.getPositions(filter)) {
            byte[] bytes = data.get(position);
            if (bytes == null || !exact && !documentMatchesQuery(BsonBytes.decode(bytes), filter)) {
                continue; // removed since the index lookup (reads take no lock), or not a match
            }
            if (skipped < skip) {
                skipped++;
                continue;
            }
            if (limit > 0 && found.size() == limit) {
                break;
            }
            if (batchSize > 0 && found.size() == batchSize) {
                return null;
            }
            found.add(bytes);
        }
        return new StoredDocuments(found);
    }

    private Index<Object> indexFor(Document query) {
        for (Index<Object> index : indexes) {
            if (index.canHandle(query)) {
                return index;
            }
        }
        return null;
    }

    private IdScan scan(Document query, int skip, int limit) {
        return new IdScan(data, IdRange.of(query, getIdField()), document -> documentMatchesQuery(document, query),
                skip, limit);
    }

    /** No order, natural order, or ascending {@code _id}: the order the data map is in. */
    private boolean inIdOrder(Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return true;
        }
        if (orderBy.size() != 1) {
            return false;
        }
        String field = orderBy.keySet().iterator().next();
        Object direction = orderBy.get(field);
        boolean ascending = direction instanceof Number number && number.intValue() == 1;
        return ascending && (field.equals("$natural") || field.equals(getIdField()));
    }

    /** mongo-java-server's projection (not public) applied through its own stream matcher with an empty query. */
    private List<Document> project(List<Document> documents, Document fieldSelector) {
        if (fieldSelector == null || fieldSelector.isEmpty() || documents.isEmpty()) {
            return documents;
        }
        return matchDocumentsFromStream(documents.stream(), new Document(), null, 0, 0, 0, fieldSelector)
                .collectDocuments();
    }

    @Override
    protected Document getDocument(Object position) {
        byte[] bytes = data.get(position);
        return bytes == null ? null : BsonBytes.decode(bytes);
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return data.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(BsonBytes.decode(entry.getValue()), entry.getKey()));
    }

    @Override
    public int count() {
        return data.size();
    }

    @Override
    public boolean isEmpty() {
        return data.isEmpty();
    }

    // ------------------------------------------------------------------------------------------ writes (one at a time)

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : new ObjectId();
        key = Missing.ofNullable(key);
        byte[] bytes = BsonBytes.encode(document);
        byte[] previous = data.putIfAbsent(key, bytes);
        if (previous != null) {
            throw new IllegalStateException("Document with key '" + key + "' already existed in " + this);
        }
        changes.put(data, key, bytes);
        return key;
    }

    @Override
    protected void removeDocument(Object position) {
        if (data.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
        changes.remove(data, position);
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        Object key = Missing.ofNullable(position);
        byte[] bytes = BsonBytes.encode(newDocument);
        data.put(key, bytes);
        changes.put(data, key, bytes);
    }

    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        // not tracked
    }

    @Override
    protected int getDataSize() {
        return 0;
    }

    @Override
    public synchronized void addIndex(Index<Object> index) {
        super.addIndex(index);
        indexes = List.copyOf(getIndexes());
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        super.dropIndex(indexName);
        indexes = List.copyOf(getIndexes());
    }

    @Override
    public synchronized void addDocument(Document document) {
        super.addDocument(document);
    }

    @Override
    public synchronized void addDocuments(Stream<Document> documents) {
        super.addDocuments(documents);
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        return super.findAndModify(query);
    }

    @Override
    public synchronized List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
        return super.insertDocuments(documents, isOrdered);
    }

    @Override
    public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
        return super.deleteDocuments(selector, limit, oplog);
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
                                                 boolean isMulti, boolean isUpsert, Oplog oplog) {
        return super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog);
    }

    @Override
    public synchronized void removeDocument(Document document) {
        super.removeDocument(document);
    }

    @Override
    public synchronized void renameTo(MongoDatabase newDatabase, String newCollectionName) {
        super.renameTo(newDatabase, newCollectionName);
    }
}
