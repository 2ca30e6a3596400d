package dev.kehu.infra.audit.proof;

import dev.kehu.infra.audit.AuditParameters;
import dev.kehu.infra.audit.AuditedAggregate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * The proof endpoints: one aggregate's hash chain, the log-wide digest and its consistency with a digest kept by an
 * auditor, and whole-log verification jobs.
 */
@RestController
public class ProofController {

    private final ChainCheck chains;
    private final Digests digests;
    private final VerificationJobs jobs;

    public ProofController(ChainCheck chains, Digests digests, VerificationJobs jobs) {
        this.chains = chains;
        this.digests = digests;
        this.jobs = jobs;
    }

    @GetMapping("/api/audit/verification/customers/{id}")
    public ChainCheck.Result customer(@PathVariable String id) {
        return chains.verify(AuditedAggregate.CUSTOMER, id);
    }

    @GetMapping("/api/audit/verification/opportunities/{id}")
    public ChainCheck.Result opportunity(@PathVariable String id) {
        return chains.verify(AuditedAggregate.OPPORTUNITY, id);
    }

    @GetMapping("/api/audit/digest")
    public Digests.Digest digest() {
        return digests.digest();
    }

    @GetMapping("/api/audit/digest/consistency")
    public Digests.Consistency consistency(@RequestParam(required = false) String position,
                                           @RequestParam(required = false) String hash) {
        long at = AuditParameters.positive("position", position);
        byte[] root = AuditParameters.sha256("hash", hash);
        return digests.consistency(at, root);
    }

    @PostMapping("/api/audit/verifications")
    public ResponseEntity<VerificationJobs.Job> startVerification() {
        VerificationJobs.Job job = jobs.start();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/audit/verifications/" + job.id())).body(job);
    }

    @GetMapping("/api/audit/verifications/{id}")
    public VerificationJobs.Job verification(@PathVariable String id) {
        return jobs.get(id);
    }
}
