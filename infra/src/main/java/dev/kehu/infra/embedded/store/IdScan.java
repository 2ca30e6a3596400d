package dev.kehu.infra.embedded.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Walks a collection in {@code _id} order over a range, a batch at a time, decoding only the documents inside the
 * range and handing on those that match. Each batch starts a fresh MVStore cursor after the last key it looked at,
 * so a scan holds no old version of the map between batches (a page it reads can always be found in the file) and
 * its cost is the documents in the range, not the collection. Not thread-safe: one request or cursor at a time.
 */
final class IdScan {

    private final MVMap<Object, byte[]> data;
    private final IdRange range;
    private final Predicate<Document> matches;
    private Object last;
    private boolean done;
    private int toSkip;
    private int remaining;

    /** @param limit at most this many documents in all; 0 for no limit */
    IdScan(MVMap<Object, byte[]> data, IdRange range, Predicate<Document> matches, int skip, int limit) {
        this.data = data;
        this.range = range;
        this.matches = matches;
        this.toSkip = Math.max(skip, 0);
        this.remaining = limit > 0 ? limit : Integer.MAX_VALUE;
    }

    boolean isDone() {
        return done;
    }

    /** The next at most {@code max} matching documents; fewer only when the scan is done. */
    List<Document> next(int max) {
        List<Document> batch = new ArrayList<>(Math.min(max, 1024));
        if (done) {
            return batch;
        }
        Cursor<Object, byte[]> cursor = data.cursor(last != null ? last : range.lower());
        while (batch.size() < max && remaining > 0) {
            if (!cursor.hasNext()) {
                done = true;
                break;
            }
            Object key = cursor.next();
            if (last != null && KeyCodec.compare(key, last) <= 0) {
                continue;
            }
            last = key;
            if (!range.above(key)) {
                continue;
            }
            if (range.beyond(key)) {
                done = true;
                break;
            }
            Document document = BsonBytes.decode(cursor.getValue());
            if (!range.decides(key) && !matches.test(document)) {
                continue;
            }
            if (toSkip > 0) {
                toSkip--;
                continue;
            }
            batch.add(document);
            remaining--;
        }
        if (remaining <= 0) {
            done = true;
        }
        return batch;
    }

    /** Every remaining matching document. */
    List<Document> rest() {
        List<Document> all = new ArrayList<>();
        while (!done) {
            all.addAll(next(4096));
        }
        return all;
    }
}
