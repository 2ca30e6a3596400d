package dev.kehu.infra.eventstore;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.Document;

/**
 * Whether the server answers every request only once everything written before it is on disk, as Kehu's embedded
 * server does (it says so in {@code buildInfo}, field {@value #FIELD}; see {@code DurableH2Backend}). On such a
 * server the {@link CommitWriter} inserts a commit unjournaled while it holds the append lock and waits for the disk
 * after releasing it ({@link #await}), so the commits of several threads share one sync instead of queueing for the
 * lock one sync at a time. On any other server (a real MongoDB) nothing changes: commits are inserted with the
 * collection's write concern.
 */
final class DurableReplies {

    /** The field of {@code buildInfo}'s reply; the embedded server's {@code DurableH2Backend.DURABLE_REPLIES}. */
    static final String FIELD = "kehuDurableReplies";
    private static final BsonDocument PING = new BsonDocument("ping", new BsonInt32(1));

    private final MongoDatabase database;

    private DurableReplies(MongoDatabase database) {
        this.database = database;
    }

    /** The waiting side when the server announces durable replies; null otherwise (or when it cannot be asked). */
    static DurableReplies announcedBy(MongoDatabase database) {
        try {
            Document info = database.runCommand(new Document("buildInfo", 1));
            return Boolean.TRUE.equals(info.get(FIELD)) ? new DurableReplies(database) : null;
        } catch (MongoException e) {
            return null;
        }
    }

    /**
     * Returns once everything this client wrote before is on disk: the server's reply to any request waits for
     * that, so one {@code ping} does. A failure here means the server could not sync; the commit may be lost.
     */
    void await() {
        database.runCommand(PING, BsonDocument.class);
    }
}
