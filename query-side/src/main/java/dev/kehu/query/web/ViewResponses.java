package dev.kehu.query.web;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.kehu.query.projection.ProjectionPositions.Freshness;
import java.util.Map;
import org.bson.Document;
import org.springframework.http.ResponseEntity;

/** Adds the freshness headers every read-side answer carries, and the fold position of as-of answers. */
public final class ViewResponses {

    /** The event-log position the answering view(s) had reached. */
    public static final String POSITION_HEADER = "Kehu-View-Position";
    /** {@code true} when the view had not reached the caller's {@code minPosition} within the wait bound. */
    public static final String STALE_HEADER = "Kehu-View-Stale";
    /** The position of the log an as-of answer ({@code asOf}, {@code asOfPosition}) was folded to. */
    public static final String AS_OF_POSITION_HEADER = "Kehu-As-Of-Position";

    private ViewResponses() {
    }

    public static <T> ResponseEntity<T> ok(T body, Freshness freshness) {
        return withFreshness(freshness).body(body);
    }

    /**
     * A report or list answer that carries the view's freshness in its JSON body too: {@code position} and
     * {@code stale} after what {@code body} holds, and the headers.
     */
    public static ResponseEntity<Map<String, Object>> okWithFreshnessInBody(Map<String, Object> body, Freshness freshness) {
        return ok(withFreshness(body, freshness), freshness);
    }

    /** Puts the view's {@code position} and {@code stale} into {@code body} after what it holds. */
    public static Map<String, Object> withFreshness(Map<String, Object> body, Freshness freshness) {
        body.put("position", freshness.position());
        body.put("stale", freshness.stale());
        return body;
    }

    /** An as-of answer: the freshness headers and the position of the log the view was folded to. */
    public static <T> ResponseEntity<T> asOf(T body, Freshness freshness, long foldedTo) {
        return withFreshness(freshness).header(AS_OF_POSITION_HEADER, Long.toString(foldedTo)).body(body);
    }

    /**
     * The live view document with this id in {@code collection}, or a {@link ViewNotFound} (404) naming the
     * {@code view} and the id.
     */
    public static Document found(MongoCollection<Document> collection, String view, String id) {
        Document document = collection.find(Filters.eq("_id", id)).first();
        if (document == null) {
            throw new ViewNotFound(view, id);
        }
        return document;
    }

    private static ResponseEntity.BodyBuilder withFreshness(Freshness freshness) {
        return ResponseEntity.ok()
                .header(POSITION_HEADER, Long.toString(freshness.position()))
                .header(STALE_HEADER, Boolean.toString(freshness.stale()));
    }

    public static void checkMinPosition(Long minPosition) {
        if (minPosition != null && minPosition < 0) {
            throw new InvalidQueryParameter("minPosition", "must not be negative");
        }
    }
}
