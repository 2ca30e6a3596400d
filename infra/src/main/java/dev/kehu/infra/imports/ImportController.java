package dev.kehu.infra.imports;

import dev.kehu.command.actor.ActorSource;
import dev.kehu.command.web.CommandContextArgumentResolver;
import dev.kehu.command.web.InvalidRequestField;
import dev.kehu.command.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers in bulk from a CSV file.
 *
 * <pre>
 * POST /api/imports/customers   body: the file (text/csv; charset=UTF-8 or GBK, or ?encoding=, or detected)
 *   202 + Location  the job started; {@code duplicates} lists rows that match existing customers (skipped)
 *   200             the same file was sent before: its job, nothing is imported twice
 *   400             the file has problems: {@code errors} [{row, column, reason}] for every one; nothing imported
 * GET  /api/imports/{id}        state, total, done, imported, duplicates, failed, rowsPerSecond, etaSeconds, errors
 * </pre>
 * Every event carries the importing user as actor and {@code X-Reason} (default "CSV import") as reason.
 */
@RestController
public class ImportController {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final CustomerImports imports;
    private final ActorSource actors;

    ImportController(CustomerImports imports, ActorSource actors) {
        this.imports = imports;
        this.actors = actors;
    }

    @PostMapping(path = "/api/imports/customers",
            consumes = {"text/csv", "application/csv", "text/plain", MediaType.APPLICATION_OCTET_STREAM_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> importCustomers(@RequestBody(required = false) byte[] file,
                                                               @RequestParam(required = false) String encoding,
                                                               HttpServletRequest request) {
        String declared = encoding != null ? encoding : charsetOf(request.getContentType());
        String reason = CommandContextArgumentResolver.decoded(CommandContextArgumentResolver.REASON,
                request.getHeader(CommandContextArgumentResolver.REASON));
        String correlationId = request.getHeader(CommandContextArgumentResolver.CORRELATION_ID);
        if (correlationId == null || !correlationId.matches("[A-Za-z0-9._:\\-]{1,100}")) {
            correlationId = UUID.randomUUID().toString();
        }
        CustomerImports.Started started = imports.start(file, declared, actors.actorOf(request),
                reason == null || reason.isBlank() ? null : reason.strip(), correlationId);
        Map<String, Object> body = new LinkedHashMap<>(started.status());
        body.put("duplicates", started.duplicates());
        ResponseEntity.BodyBuilder answer = started.created()
                ? ResponseEntity.accepted().location(URI.create("/api/imports/" + started.id()))
                : ResponseEntity.ok().header("Idempotent-Replayed", "true").location(URI.create("/api/imports/" + started.id()));
        return answer.body(body);
    }

    @GetMapping(path = "/api/imports/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> status(@PathVariable String id) {
        if (!ID.matcher(id).matches()) {
            throw new InvalidRequestField("id", "must be the 32 hex digits of an import id");
        }
        return imports.status(id).map(ResponseEntity::ok)
                .orElseThrow(() -> new ImportNotFound(id));
    }

    @ExceptionHandler(CustomerImports.FileRefused.class)
    ResponseEntity<ProblemDetail> refused(CustomerImports.FileRefused e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Import file refused", e.getMessage(), "import-file-refused");
        problem.setProperty("field", "body");
        problem.setProperty("errors", e.problems);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(InvalidRequestField.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestField e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), "invalid-field");
        problem.setProperty(e.field().equals("body") ? "field" : "parameter", e.field());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(ImportNotFound.class)
    ResponseEntity<ProblemDetail> notFound(ImportNotFound e) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), "not-found");
        problem.setProperty("parameter", "id");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getParameter("charset");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static final class ImportNotFound extends RuntimeException {
        ImportNotFound(String id) {
            super("no import with id " + id);
        }
    }
}
