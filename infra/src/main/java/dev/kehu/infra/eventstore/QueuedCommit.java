package dev.kehu.infra.eventstore;

import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.bson.BsonDocument;
import org.bson.BsonInt64;

/** A commit waiting for, or being inserted by, the thread that holds the append lock. */
final class QueuedCommit {
    final List<BsonDocument> documents;
    final List<? extends EventMessage<?>> events;
    long first;
    long last;
    /** Whether a dead commit in the way of its unique key was abandoned already (done at most once). */
    boolean blockerAbandoned;
    /** Whether an insert of it was sent unjournaled: its caller waits for the disk before hearing of it. */
    boolean awaitDisk;
    private volatile boolean done;
    private RuntimeException failure;

    QueuedCommit(List<BsonDocument> documents, List<? extends EventMessage<?>> events) {
        this.documents = documents;
        this.events = events;
    }

    int size() {
        return documents.size();
    }

    void placeAt(long position) {
        first = position;
        last = position + documents.size() - 1;
        for (int i = 0; i < documents.size(); i++) {
            BsonDocument document = documents.get(i);
            document.put(EventFields.ID, new BsonInt64(first + i));
            document.put(EventFields.COMMIT_FIRST, new BsonInt64(first));
            document.put(EventFields.COMMIT_LAST, new BsonInt64(last));
        }
    }

    void stored(CommitLog commits) {
        if (!done) {
            commits.rememberComplete(first, last);
            done = true;
        }
    }

    void fail(RuntimeException e) {
        if (!done) {
            failure = e;
            done = true;
        }
    }

    boolean failed() {
        return failure != null;
    }

    boolean isDone() {
        return done;
    }

    /** The commit's last position once stored; its failure otherwise. */
    long lastOrThrow() {
        if (failure != null) {
            throw failure;
        }
        return last;
    }
}
