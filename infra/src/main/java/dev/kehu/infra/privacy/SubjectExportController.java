package dev.kehu.infra.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kehu.infra.axon.AxonConfiguration;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/privacy/subjects/{id}/export} (ADMIN, AUDITOR): a copy of everything Kehu holds about a person
 * (PIPL art. 45, GDPR art. 15), decrypted, as JSON: each event of the customer with the person's fields, by field
 * path. Every view and the search index are derived from these events, so they hold nothing else about the person.
 * The customer is the one whose event first held the person's data; {@code customerId} names another (a contact
 * taken over in a merge, or a person stored before sealing, who has no key). An erased person's fields read
 * {@code [erased]}.
 */
@RestController
public class SubjectExportController {

    private static final ObjectMapper JSON = AxonConfiguration.messageObjectMapper();
    private final SubjectRecords records;
    private final SubjectKeys keys;

    SubjectExportController(SubjectRecords records, SubjectKeys keys) {
        this.records = records;
        this.keys = keys;
    }

    @GetMapping("/api/privacy/subjects/{id}/export")
    public ResponseEntity<?> export(@PathVariable String id, @RequestParam(required = false) String customerId)
            throws JsonProcessingException {
        String customer = customerId != null && !customerId.isBlank() ? customerId : keys.customerOf(id).orElse(null);
        SubjectRecords.Found found = customer == null ? null : records.find(customer, id);
        if (found == null || found.records().isEmpty() && keys.state(id) == SubjectKeys.State.NONE) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "no personal data of " + id + (customer == null ? "" : " in customer " + customer));
            problem.setType(URI.create("https://kehu.dev/problems/not-found"));
            problem.setTitle("Not found");
            problem.setProperty("code", "not-found");
            problem.setProperty("parameter", customerId == null ? "id" : "customerId");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectId", id);
        body.put("customerId", customer);
        body.put("erased", keys.state(id) == SubjectKeys.State.ERASED);
        body.put("records", found.records());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
    }
}
