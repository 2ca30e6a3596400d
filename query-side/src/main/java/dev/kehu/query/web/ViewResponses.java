package dev.kehu.query.web;

import dev.kehu.query.projection.ProjectionPositions.Freshness;
import org.springframework.http.ResponseEntity;

/** Adds the freshness headers every read-side answer carries. */
public final class ViewResponses {

    /** The event-log position the answering view(s) had reached. */
    public static final String POSITION_HEADER = "Kehu-View-Position";
    /** {@code true} when the view had not reached the caller's {@code minPosition} within the wait bound. */
    public static final String STALE_HEADER = "Kehu-View-Stale";

    private ViewResponses() {
    }

    public static <T> ResponseEntity<T> ok(T body, Freshness freshness) {
        return ResponseEntity.ok()
                .header(POSITION_HEADER, Long.toString(freshness.position()))
                .header(STALE_HEADER, Boolean.toString(freshness.stale()))
                .body(body);
    }

    public static void checkMinPosition(Long minPosition) {
        if (minPosition != null && minPosition < 0) {
            throw new InvalidQueryParameter("minPosition", "must not be negative");
        }
    }
}
