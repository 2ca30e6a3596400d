package dev.kehu.query.projection;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** {@code GET /api/projections}: every read-side processing group's position, the head of the event log and the lag. */
@RestController
public class ProjectionStatusController {

    private final ProjectionPositions positions;

    public ProjectionStatusController(ProjectionPositions positions) {
        this.positions = positions;
    }

    @GetMapping("/api/projections")
    public Map<String, Map<String, Object>> status() {
        return positions.status(ProjectionGroups.ALL);
    }
}
