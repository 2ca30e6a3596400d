package dev.kehu.query.projection.operations;

import dev.kehu.query.web.InvalidQueryParameter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operating one projection (processing group): {@code GET /api/projections/{name}}; pause, resume and
 * replay from a position; its dead letters: list, retry one (with its sequence), retry all, skip one
 * with a reason. Changes need {@code X-Actor} (and a skip {@code X-Reason}), see {@link ProjectionActor}.
 * Unknown projection or dead letter: 404; bad parameter or header: 400; an operation the projection's
 * state refuses: 409; all problem+json ({@link ProjectionProblems}).
 */
@RestController
public class ProjectionOperationsController {

    private final ProjectionStatuses statuses;
    private final ProjectionControl control;
    private final DeadLetterOperations deadLetters;

    public ProjectionOperationsController(ProjectionStatuses statuses, ProjectionControl control, DeadLetterOperations deadLetters) {
        this.statuses = statuses;
        this.control = control;
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/projections/{name}")
    public Map<String, Object> status(@PathVariable String name) {
        return statuses.one(name);
    }

    @PostMapping("/api/projections/{name}/pause")
    public Map<String, Object> pause(@PathVariable String name, HttpServletRequest request) {
        control.pause(name, ProjectionActor.of(request));
        return statuses.one(name);
    }

    @PostMapping("/api/projections/{name}/resume")
    public Map<String, Object> resume(@PathVariable String name, HttpServletRequest request) {
        control.resume(name, ProjectionActor.of(request));
        return statuses.one(name);
    }

    @PostMapping("/api/projections/{name}/replay")
    public Map<String, Object> replay(@PathVariable String name, @RequestParam long fromPosition, HttpServletRequest request) {
        control.processor(name);
        int segments = control.replay(name, fromPosition, ProjectionActor.of(request));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("fromPosition", fromPosition);
        answer.put("segments", segments);
        answer.put("status", statuses.one(name));
        return answer;
    }

    @GetMapping("/api/projections/{name}/dead-letters")
    public Map<String, Object> deadLetters(@PathVariable String name, @RequestParam(required = false) Integer limit) {
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > 500) {
            throw new InvalidQueryParameter("limit", "must be between 1 and 500, got " + max);
        }
        List<Map<String, Object>> letters = deadLetters.list(name, max);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("projection", name);
        answer.put("total", deadLetters.count(name));
        answer.put("deadLetters", letters);
        return answer;
    }

    @PostMapping("/api/projections/{name}/dead-letters/retry")
    public Map<String, Object> retryAll(@PathVariable String name, HttpServletRequest request) {
        ProjectionActor.of(request);
        return deadLetters.retryAll(name);
    }

    @PostMapping("/api/projections/{name}/dead-letters/{id}/retry")
    public Map<String, Object> retry(@PathVariable String name, @PathVariable String id, HttpServletRequest request) {
        ProjectionActor.of(request);
        return deadLetters.retry(name, id);
    }

    @PostMapping("/api/projections/{name}/dead-letters/{id}/skip")
    public Map<String, Object> skip(@PathVariable String name, @PathVariable String id, HttpServletRequest request) {
        String actor = ProjectionActor.of(request);
        return deadLetters.skip(name, id, ProjectionActor.reason(request, true), actor);
    }
}
