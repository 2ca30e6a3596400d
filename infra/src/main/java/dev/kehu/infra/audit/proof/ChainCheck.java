package dev.kehu.infra.audit.proof;

import dev.kehu.infra.audit.AuditLog;
import dev.kehu.infra.audit.AuditedAggregate;
import dev.kehu.infra.audit.AggregateNotFound;
import dev.kehu.infra.eventstore.EventFields;
import org.bson.BsonDocument;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks one aggregate's hash chain: its events in sequence order, each against its hash, its predecessor and the
 * leaf checkpointed at its position; then whether the chain goes on after a missing event (a deleted event in the
 * middle of the aggregate). A deleted last event or a deleted aggregate is found by the log-wide checks.
 */
public class ChainCheck {

    /** Sequence numbers looked at past the end of the chain for events that follow a deleted one. */
    private static final int LOOK_PAST_END = 8;

    private final AuditLog log;
    private final MerkleLog merkle;

    public ChainCheck(AuditLog log, MerkleLog merkle) {
        this.log = log;
        this.merkle = merkle;
    }

    /** The outcome: ok, or the first broken event (its position, sequence number, type and why). */
    public record Result(String aggregateType, String aggregateId, boolean ok, long eventsChecked,
                         Problem firstProblem) {
    }

    public Result verify(AuditedAggregate kind, String id) {
        BsonDocument first = log.byKey(id, 0);
        if (first == null || !first.isString(EventFields.AGGREGATE_TYPE)
                || !kind.storedType().equals(first.getString(EventFields.AGGREGATE_TYPE).getValue())) {
            throw new AggregateNotFound(kind, id);
        }
        merkle.advance();
        LogScanner scanner = new LogScanner(log, merkle);
        List<Problem> problems = new ArrayList<>();
        long seq = 0;
        while (problems.isEmpty()) {
            BsonDocument event = log.byKey(id, seq);
            if (event == null) {
                break;
            }
            long position = event.getNumber(EventFields.ID).longValue();
            scanner.scan(position, position, problems::add);
            seq++;
        }
        if (problems.isEmpty()) {
            for (long later = seq + 1; later <= seq + LOOK_PAST_END; later++) {
                BsonDocument event = log.byKey(id, later);
                if (event != null) {
                    problems.add(new Problem(event.getNumber(EventFields.ID).longValue(), id, later, "missing",
                            "the aggregate's event " + seq + " is missing; its event " + later + " exists"));
                    break;
                }
            }
        }
        return new Result(kind.storedType(), id, problems.isEmpty(), problems.isEmpty() ? seq : seq + 1, problems.isEmpty()
                ? null : problems.get(0));
    }
}
