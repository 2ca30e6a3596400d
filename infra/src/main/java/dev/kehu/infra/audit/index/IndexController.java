package dev.kehu.infra.audit.index;

import dev.kehu.query.web.InvalidQueryParameter;
import dev.kehu.infra.audit.AuditParameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * {@code GET /api/audit/actors/{actor}/events} (everything one person did, across aggregates) and
 * {@code GET /api/audit/correlations/{id}} (everything one request caused), from the indexes; cursor-paged.
 */
@RestController
public class IndexController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private final AuditIndex index;

    public IndexController(AuditIndex index) {
        this.index = index;
    }

    @GetMapping("/api/audit/actors/{actor}/events")
    public AuditIndex.Page actor(@PathVariable String actor, @RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String cursor,
                                 @RequestParam(required = false) String limit) {
        return page(AuditIndex.ACTOR, actor, from, to, cursor, limit);
    }

    @GetMapping("/api/audit/correlations/{id}")
    public AuditIndex.Page correlation(@PathVariable String id, @RequestParam(required = false) String cursor,
                                       @RequestParam(required = false) String limit) {
        return page(AuditIndex.CORRELATION, id, null, null, cursor, limit);
    }

    private AuditIndex.Page page(String kind, String key, String from, String to, String cursor, String limit) {
        Instant start = AuditParameters.instant("from", from);
        Instant end = AuditParameters.instant("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidQueryParameter("to", "must not be before 'from'");
        }
        if (cursor != null && !AuditIndex.Cursor.isValid(cursor)) {
            throw new InvalidQueryParameter("cursor", "is not a cursor this endpoint returned: '" + cursor + "'");
        }
        int size = (int) AuditParameters.nonNegative("limit", limit, DEFAULT_LIMIT);
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidQueryParameter("limit", "must be between 1 and " + MAX_LIMIT + ", got '" + limit + "'");
        }
        return index.page(kind, key, start, end, cursor, size);
    }
}
