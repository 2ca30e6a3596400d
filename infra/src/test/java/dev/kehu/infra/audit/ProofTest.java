package dev.kehu.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.kehu.infra.audit.proof.ChainCheck;
import dev.kehu.infra.audit.proof.Digests;
import dev.kehu.infra.audit.proof.MerkleHash;
import dev.kehu.infra.audit.proof.MerkleLog;
import dev.kehu.infra.audit.proof.Problem;
import dev.kehu.infra.audit.proof.VerificationJobs;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The log-wide proof on events the real engine wrote: Merkle roots across checkpoint chunks, consistency with an
 * earlier digest, and the tampering the issue lists, each found and named by position by the verification job,
 * the consistency check and, where it can see it, the aggregate's chain check.
 */
class ProofTest {

    @RegisterExtension
    static final FreshAuditStore audit = new FreshAuditStore();
    private static final HexFormat HEX = HexFormat.of();
    /** 2,400 events: two full checkpoint chunks and part of a third. */
    private static final int CUSTOMERS = 800;

    private AuditStore store;

    @BeforeEach
    void writeTheLog() {
        store = audit.store();
        store.customers("c-", CUSTOMERS);
    }

    @Test
    void theDigestIsTheRfc6962RootOfEveryPositionAndSurvivesARestart() {
        Digests.Digest digest = store.digests.digest();

        assertThat(digest.position()).isEqualTo(3L * CUSTOMERS);
        assertThat(digest.rootHash()).isEqualTo(HEX.formatHex(MerkleHash.root(leavesFromTheLog(), 0, 3 * CUSTOMERS)));
        MerkleLog reloaded = new MerkleLog(store.database, "", store.log);
        assertThat(HEX.formatHex(reloaded.root(reloaded.size()))).isEqualTo(digest.rootHash());
        assertThat(HEX.formatHex(reloaded.root(1500))).isEqualTo(HEX.formatHex(MerkleHash.root(leavesFromTheLog(), 0, 1500)));
    }

    @Test
    void provesThatTodaysLogExtendsAnEarlierDigest() {
        Digests.Digest earlier = store.digests.digest();
        store.customers("later-", 10);

        Digests.Consistency answer = store.digests.consistency(earlier.position(), HEX.parseHex(earlier.rootHash()));

        assertThat(answer.consistent()).as(answer.detail()).isTrue();
        assertThat(answer.currentPosition()).isEqualTo(earlier.position() + 30);
        assertThat(answer.currentHash()).isEqualTo(store.digests.digest().rootHash());
        List<byte[]> proof = answer.proof().stream().map(HEX::parseHex).toList();
        assertThat(MerkleHash.verifyConsistency(answer.position(), answer.currentPosition(),
                HEX.parseHex(earlier.rootHash()), HEX.parseHex(answer.currentHash()), proof)).isTrue();
    }

    @Test
    void changingOnePayloadByteIsFoundAndNamed() {
        Digests.Digest digest = store.digests.digest();
        long position = positionOf("c-400", 0);
        store.events().updateOne(Filters.eq("_id", position),
                Updates.set("payload.profile.chineseName", "客户401有限公司")); // one character of the name

        assertFirstProblem(position, "altered");
        assertInconsistentAt(digest, position);
        ChainCheck.Result chain = store.chains.verify(AuditedAggregate.CUSTOMER, "c-400");
        assertThat(chain.ok()).isFalse();
        assertThat(chain.firstProblem().position()).isEqualTo(position);
        assertThat(chain.firstProblem().seq()).isZero();
        assertThat(store.chains.verify(AuditedAggregate.CUSTOMER, "c-401").ok()).isTrue();
    }

    @Test
    void deletingOneEventIsFoundAndNamed() {
        Digests.Digest digest = store.digests.digest();
        long position = positionOf("c-123", 1);
        store.events().deleteOne(Filters.eq("_id", position));

        assertFirstProblem(position, "missing");
        assertInconsistentAt(digest, position);
        ChainCheck.Result chain = store.chains.verify(AuditedAggregate.CUSTOMER, "c-123");
        assertThat(chain.ok()).isFalse();
        assertThat(chain.firstProblem().detail()).contains("event 1 is missing");
    }

    @Test
    void deletingAWholeAggregateIsFoundAndNamed() {
        Digests.Digest digest = store.digests.digest();
        long first = positionOf("c-7", 0);
        store.events().deleteMany(Filters.eq("aggregateId", "c-7"));

        assertFirstProblem(first, "missing");
        assertInconsistentAt(digest, first);
    }

    @Test
    void truncatingTheTailIsFoundAndNamed() {
        Digests.Digest digest = store.digests.digest();
        long head = digest.position();
        for (long position = head - 4; position <= head; position++) {
            store.events().deleteOne(Filters.eq("_id", position));
        }

        VerificationJobs.Job job = finished(store.jobs.start());
        assertThat(job.ok()).isFalse();
        assertThat(job.firstProblem().position()).isEqualTo(head - 4);
        assertThat(job.firstProblem().detail()).contains(String.valueOf(head));
        Digests.Consistency answer = store.digests.consistency(digest.position(), HEX.parseHex(digest.rootHash()));
        assertThat(answer.consistent()).isFalse();
        assertThat(answer.firstDifferingPosition()).isEqualTo(head - 4);
    }

    @Test
    void swappingTwoEventsIsFoundAndNamed() {
        Digests.Digest digest = store.digests.digest();
        long a = positionOf("c-300", 2);
        long b = positionOf("c-500", 1);
        BsonDocument first = store.events().find(Filters.eq("_id", a)).first();
        BsonDocument second = store.events().find(Filters.eq("_id", b)).first();
        store.events().deleteOne(Filters.eq("_id", a));
        store.events().deleteOne(Filters.eq("_id", b));
        first.put("_id", new BsonInt64(b));
        second.put("_id", new BsonInt64(a));
        store.events().insertMany(List.of(first, second));

        VerificationJobs.Job job = assertFirstProblem(a, "replaced");
        assertThat(job.problems()).extracting(Problem::position).contains(b);
        assertInconsistentAt(digest, a);
    }

    @Test
    void anUntouchedLogVerifiesAndAJobResumesWhereItStopped() {
        store.digests.digest();
        VerificationJobs.Job job = finished(store.jobs.start());
        assertThat(job.ok()).as("%s", job.problems()).isTrue();
        assertThat(job.eventsChecked()).isEqualTo(3L * CUSTOMERS);
        assertThat(job.progress()).isEqualTo(1.0);

        // a job a stopped application left half done: state in MongoDB, picked up by a new instance
        var jobs = store.database.getCollection("auditVerifications", BsonDocument.class);
        jobs.updateOne(Filters.eq("_id", job.id()), Updates.combine(Updates.set("status", "running"),
                Updates.set("next", 1201L), Updates.set("eventsChecked", 1200L), Updates.unset("ok")));
        store.events().updateOne(Filters.eq("_id", 1500L), Updates.set("metadata.actor", "mallory"));
        store.events().updateOne(Filters.eq("_id", 10L), Updates.set("metadata.actor", "mallory"));
        try (AuditStore restarted = new AuditStore(store.database)) {
            assertThat(restarted.jobs.get(job.id()).status()).isEqualTo("running");
            restarted.jobs.resumeUnfinished();
            VerificationJobs.Job resumed = finished(restarted.jobs.get(job.id()), restarted);
            assertThat(resumed.eventsChecked()).isEqualTo(3L * CUSTOMERS);
            assertThat(resumed.problems()).extracting(Problem::position).containsExactly(1500L);
        }
    }

    private VerificationJobs.Job assertFirstProblem(long position, String kind) {
        VerificationJobs.Job job = finished(store.jobs.start());
        assertThat(job.ok()).isFalse();
        assertThat(job.firstProblem()).as("%s", job.problems()).isNotNull();
        assertThat(job.firstProblem().position()).as("%s", job.problems()).isEqualTo(position);
        assertThat(job.firstProblem().kind()).isEqualTo(kind);
        return job;
    }

    private void assertInconsistentAt(Digests.Digest digest, long position) {
        Digests.Consistency answer = store.digests.consistency(digest.position(), HEX.parseHex(digest.rootHash()));
        assertThat(answer.consistent()).isFalse();
        assertThat(answer.firstDifferingPosition()).as(answer.detail()).isEqualTo(position);
        assertThat(answer.detail()).contains("position " + position);
    }

    private VerificationJobs.Job finished(VerificationJobs.Job started) {
        return finished(started, store);
    }

    private static VerificationJobs.Job finished(VerificationJobs.Job started, AuditStore in) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            VerificationJobs.Job job = in.jobs.get(started.id());
            if (job.status().equals("done") || System.nanoTime() > deadline) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        }
    }

    private long positionOf(String aggregateId, long seq) {
        return store.log.byKey(aggregateId, seq).getNumber("_id").longValue();
    }

    private List<byte[]> leavesFromTheLog() {
        long head = store.log.head(0);
        List<byte[]> leaves = new ArrayList<>();
        var found = store.log.atPositions(1, head);
        for (long position = 1; position <= head; position++) {
            leaves.add(MerkleLog.leafOf(found.get(position)));
        }
        return leaves.stream().collect(Collectors.toList());
    }
}
