package dev.kehu.infra.audit.proof;

import dev.kehu.infra.audit.AuditLog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The log-wide proof for auditors: the digest (position and Merkle root) to keep outside the system, and the check
 * that today's log extends a digest kept earlier.
 */
public class Digests {

    private static final HexFormat HEX = HexFormat.of();
    /** Problems listed in one consistency answer; the first is what matters. */
    private static final int MAX_PROBLEMS = 20;

    private final AuditLog log;
    private final MerkleLog merkle;

    public Digests(AuditLog log, MerkleLog merkle) {
        this.log = log;
        this.merkle = merkle;
    }

    /** The current digest: the position of the last checkpointed event and the Merkle root of positions 1..it. */
    public record Digest(long position, String rootHash, String algorithm) {
    }

    /**
     * The answer to "does today's log extend the one I kept?". {@code proof} lets a client check the claim itself
     * (RFC 6962 2.1.2, from {@code position} to {@code currentPosition}); {@code problems} name where the log differs.
     */
    public record Consistency(boolean consistent, long position, String hash, long currentPosition,
                              String currentHash, List<String> proof, Long firstDifferingPosition,
                              String detail, List<Problem> problems) {
    }

    public Digest digest() {
        long size = merkle.advance();
        return new Digest(size, HEX.formatHex(merkle.root(size)), "RFC6962-SHA256");
    }

    /**
     * Checks the log against the auditor's (position, root): reads positions 1..position again (each event's
     * content against its hash and chain, each leaf against the checkpoint), compares the root, and proves the
     * current root extends it. Costs one pass over the first {@code position} events.
     */
    public Consistency consistency(long position, byte[] auditorRoot) {
        long size = merkle.advance();
        String auditorHex = HEX.formatHex(auditorRoot);
        List<Problem> problems = new ArrayList<>();
        long scanTo = Math.min(position, Math.max(size, 1));
        new LogScanner(log, merkle).scan(1, scanTo, problem -> {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(problem);
            }
        });
        String currentHex = HEX.formatHex(merkle.root(size));
        if (position > size) {
            long head = log.head(0);
            problems.add(new Problem(Math.min(head, size) + 1, null, null, "missing",
                    "the log holds " + size + " checkpointed positions (head " + head + "); the digest has "
                            + position + ": positions after " + Math.min(head, size) + " are gone or never existed"));
            return new Consistency(false, position, auditorHex, size, currentHex, List.of(),
                    problems.get(0).position(), "the log is shorter than the digest", problems);
        }
        byte[] rootAtPosition = merkle.root(position);
        boolean rootMatches = Arrays.equals(rootAtPosition, auditorRoot);
        if (rootMatches && problems.isEmpty()) {
            List<String> proof = merkle.consistencyProof(position, size).stream().map(HEX::formatHex).toList();
            return new Consistency(true, position, auditorHex, size, currentHex, proof, null,
                    "the log up to position " + position + " is unchanged and the current log extends it", List.of());
        }
        String detail;
        if (!problems.isEmpty()) {
            detail = "the log up to position " + position + " was changed; the first change is at position "
                    + problems.get(0).position();
        } else {
            detail = "the log agrees with its checkpoints, but their root at position " + position + " is "
                    + HEX.formatHex(rootAtPosition) + ", not the digest's: either the digest is not from this log"
                    + " or the log and its checkpoints were rewritten together; compare with an older digest";
        }
        return new Consistency(false, position, auditorHex, size, currentHex, List.of(),
                problems.isEmpty() ? null : problems.get(0).position(), detail, problems);
    }
}
