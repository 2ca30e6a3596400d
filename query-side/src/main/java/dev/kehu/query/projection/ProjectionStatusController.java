package dev.kehu.query.projection;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code GET /api/projections}: every streaming processing group of the application (the MongoDB
 * views, customer search, opportunity reporting, the audit index) with its position, the head of the
 * event log, the lag, the events it skipped at write time ({@link SkippedEvents}), its parked events
 * ({@code deadLetters}) and whether it is paused ({@link ProjectionStatusSource}).
 */
@RestController
public class ProjectionStatusController {

    private final ProjectionStatusSource statuses;

    public ProjectionStatusController(ProjectionStatusSource statuses) {
        this.statuses = statuses;
    }

    @GetMapping("/api/projections")
    public Map<String, Map<String, Object>> status() {
        return statuses.all();
    }
}
