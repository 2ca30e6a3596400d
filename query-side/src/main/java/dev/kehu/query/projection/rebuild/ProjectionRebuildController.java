package dev.kehu.query.projection.rebuild;

import dev.kehu.query.projection.operations.ProjectionActor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code POST /api/projections/{name}/rebuild} starts a rebuild of a MongoDB view into a new version beside the live
 * one (202, the rebuild's status; its progress in {@code GET /api/projections/{name}}); {@code DELETE} cancels it.
 * Unknown projection 404; not a MongoDB view, a rebuild already running, or none to cancel 409; problem+json.
 */
@RestController
public class ProjectionRebuildController {

    private final ProjectionRebuilds rebuilds;

    public ProjectionRebuildController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @PostMapping("/api/projections/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> rebuild(@PathVariable String name, HttpServletRequest request) {
        return rebuilds.start(name, ProjectionActor.of(request));
    }

    @DeleteMapping("/api/projections/{name}/rebuild")
    public Map<String, Object> cancel(@PathVariable String name, HttpServletRequest request) {
        return rebuilds.cancel(name, ProjectionActor.of(request));
    }
}
