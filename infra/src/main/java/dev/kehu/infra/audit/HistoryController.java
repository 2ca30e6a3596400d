package dev.kehu.infra.audit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /api/customers/{id}/history} and {@code GET /api/opportunities/{id}/history}: a cursor-paged JSON list,
 * or the whole (filtered) history streamed as CSV ({@code Accept: text/csv}, UTF-8 with a byte order mark so that
 * Excel reads Chinese) or NDJSON ({@code Accept: application/x-ndjson}). Streams write each entry as it is read.
 */
@RestController
public class HistoryController {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final String[] CSV_HEADER = {"position", "seq", "timestamp", "type", "actor", "reason",
            "correlationId", "causationId", "field", "before", "after"};
    private static final int DEFAULT_LIMIT = 50;
    /** One route for both aggregates: {@code /api/customers/{id}/history} and {@code /api/opportunities/{id}/history}. */
    private static final String HISTORY = "/api/{kind:customers|opportunities}/{id}/history";

    private final History history;
    private final JsonMapper json;

    public HistoryController(History history, JsonMapper json) {
        this.history = history;
        this.json = json;
    }

    /** The customer's or opportunity's history, a page of JSON. */
    @GetMapping(path = HISTORY, produces = MediaType.APPLICATION_JSON_VALUE)
    public History.Page page(@PathVariable String kind, @PathVariable String id,
                             @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(required = false) List<String> type,
                             @RequestParam(required = false) String actor,
                             @RequestParam(required = false) String cursor,
                             @RequestParam(required = false) String limit) {
        return page(aggregate(kind), id, from, to, type, actor, cursor, limit);
    }

    /** The customer's or opportunity's whole (filtered) history, streamed as CSV or NDJSON. */
    @GetMapping(path = HISTORY, produces = {"text/csv", "application/x-ndjson"})
    public ResponseEntity<StreamingResponseBody> export(
            @PathVariable String kind, @PathVariable String id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String cursor,
            @RequestHeader(value = "Accept", required = false) String accept) {
        return export(aggregate(kind), id, from, to, type, actor, cursor, accept);
    }

    /** The aggregate of a path's first segment; the route's pattern admits only these two. */
    private static AuditedAggregate aggregate(String kind) {
        return kind.equals("opportunities") ? AuditedAggregate.OPPORTUNITY : AuditedAggregate.CUSTOMER;
    }

    private History.Page page(AuditedAggregate kind, String id, String from, String to, List<String> types,
                              String actor, String cursor, String limit) {
        HistoryFilter filter = AuditParameters.filter(from, to, types, actor);
        long fromSeq = AuditParameters.nonNegative("cursor", cursor, 0);
        int pageSize = AuditParameters.limit(limit, DEFAULT_LIMIT, History.MAX_LIMIT);
        return history.page(kind, id, filter, fromSeq, pageSize);
    }

    /** The export of one aggregate's history (also what the benchmark measures, without HTTP). */
    public ResponseEntity<StreamingResponseBody> export(AuditedAggregate kind, String id, String from, String to,
                                                         List<String> types, String actor, String cursor,
                                                         String accept) {
        HistoryFilter filter = AuditParameters.filter(from, to, types, actor);
        long fromSeq = AuditParameters.nonNegative("cursor", cursor, 0);
        history.requireExists(kind, id); // before the status line is written: an unknown id is still a 404
        boolean csv = accept != null && MediaType.parseMediaTypes(accept).stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.parseMediaType("text/csv"))
                        && !type.isWildcardType());
        if (csv) {
            return ResponseEntity.ok().contentType(TEXT_CSV)
                    .header("Content-Disposition", "attachment; filename=\"" + kind.storedType().toLowerCase()
                            + "-history.csv\"")
                    .body(out -> writeCsv(kind, id, filter, fromSeq, out));
        }
        return ResponseEntity.ok().contentType(NDJSON).body(out -> writeNdjson(kind, id, filter, fromSeq, out));
    }

    private void writeCsv(AuditedAggregate kind, String id, HistoryFilter filter, long fromSeq,
                          java.io.OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writer.write('\uFEFF'); // the byte order mark: without it Excel reads UTF-8 Chinese as mojibake
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get());
        history.stream(kind, id, filter, fromSeq, entry -> {
            try {
                if (entry.changes().isEmpty()) {
                    printer.printRecord(row(entry, null));
                }
                for (Change change : entry.changes()) {
                    printer.printRecord(row(entry, change));
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        printer.flush();
    }

    private static Object[] row(HistoryEntry entry, Change change) {
        return new Object[]{entry.position(), entry.seq(), entry.timestamp(), entry.type(), entry.actor(),
                entry.reason(), entry.correlationId(), entry.causationId(),
                change == null ? "" : change.field(), change == null ? "" : change.before(),
                change == null ? "" : change.after()};
    }

    private void writeNdjson(AuditedAggregate kind, String id, HistoryFilter filter, long fromSeq,
                             java.io.OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        history.stream(kind, id, filter, fromSeq, entry -> {
            try {
                writer.write(json.writeValueAsString(entry));
                writer.write('\n');
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.flush();
    }
}
