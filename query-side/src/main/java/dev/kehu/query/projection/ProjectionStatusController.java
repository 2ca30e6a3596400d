package dev.kehu.query.projection;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/projections}: every read-side processing group's position, the head of the event
 * log, the lag and how many events it skipped because it could not apply them
 * ({@link SkippedEvents}); the Elasticsearch groups too where they run in this application.
 */
@RestController
public class ProjectionStatusController {

    private final ProjectionPositions positions;
    private final SkippedEvents skipped;

    public ProjectionStatusController(ProjectionPositions positions, SkippedEvents skipped) {
        this.positions = positions;
        this.skipped = skipped;
    }

    @GetMapping("/api/projections")
    public Map<String, Map<String, Object>> status() {
        List<String> groups = new ArrayList<>(ProjectionGroups.ALL);
        for (String group : ProjectionGroups.ELASTICSEARCH) {
            if (positions.runsHere(group)) {
                groups.add(group);
            }
        }
        Map<String, Map<String, Object>> status = positions.status(groups);
        status.forEach((group, entry) -> entry.put("skipped", skipped.count(group)));
        return status;
    }
}
