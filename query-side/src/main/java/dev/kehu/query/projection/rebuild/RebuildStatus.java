package dev.kehu.query.projection.rebuild;

import org.bson.Document;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/** A group's version document as {@code GET /api/projections/{name}} shows it: {@code version} and {@code rebuild}. */
final class RebuildStatus {

    private RebuildStatus() {
    }

    static Map<String, Object> of(Document state) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("version", state != null && state.get("current") instanceof Number number ? number.intValue() : 0);
        Document rebuild = state == null ? null : state.get("rebuild", Document.class);
        if (rebuild == null || !(rebuild.get("version") instanceof Number)) {
            status.put("rebuild", null);
            return status;
        }
        long position = number(rebuild.get("position"), -1);
        long head = number(rebuild.get("head"), -1);
        long rate = number(rebuild.get("eventsPerSecond"), 0);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", rebuild.get("version"));
        answer.put("state", rebuild.getString("state"));
        answer.put("position", position);
        answer.put("headPosition", head);
        answer.put("percentDone", head <= 0 ? 100.0 : Math.min(100.0, Math.round(Math.max(0, position) * 1000.0 / head) / 10.0));
        answer.put("eventsPerSecond", rate);
        boolean active = "RUNNING".equals(rebuild.getString("state")) || "SWITCHING".equals(rebuild.getString("state"));
        answer.put("etaSeconds", !active ? null : rate <= 0 ? null : Math.max(0, head - position) / Math.max(1, rate));
        answer.put("parkedEvents", number(rebuild.get("parkedEvents"), 0));
        for (String key : new String[]{"requestedBy", "requestedAt", "runBy", "updatedAt", "finishedAt", "cancelledBy", "cancelledAt", "error"}) {
            Object value = rebuild.get(key);
            if (value != null) {
                answer.put(key, value instanceof Date date ? date.toInstant().toString() : value);
            }
        }
        status.put("rebuild", answer);
        return status;
    }

    private static long number(Object value, long otherwise) {
        return value instanceof Number number ? number.longValue() : otherwise;
    }
}
