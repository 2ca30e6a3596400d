package dev.kehu.query.projection.rebuild;

import dev.kehu.infra.schedule.MongoJobLease;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.ProjectionGroups;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one embedded server, each with its own {@link MongoJobLease} (as the application wires
 * {@link RebuildLease}): exactly one runs a requested rebuild although both see it; when that instance stops, the
 * other takes the rebuild over from its stored position, and the result equals a rebuild from scratch.
 */
class RebuildRunsOnOneInstanceTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);

    @Test
    void withTwoInstancesExactlyOneRunsTheRebuildAndTheOtherTakesItOverWhenItStops() throws Exception {
        try (EmbeddedMongo mongo = new EmbeddedMongo();
             RebuildFixture fixture = new RebuildFixture(mongo, "two-instances", new InMemoryEventStorageEngine(), CLOCK)) {
            var events = SeededHistory.generate(31, 3_000, TODAY).events();
            fixture.readSide.publishLive(events, 100);
            fixture.readSide.awaitCaughtUp(Duration.ofSeconds(60));
            MongoJobLease leaseA = new MongoJobLease(fixture.raw, "instance-a", Duration.ofSeconds(2), Clock.systemUTC());
            MongoJobLease leaseB = new MongoJobLease(fixture.raw, "instance-b", Duration.ofSeconds(2), Clock.systemUTC());
            AtomicInteger runsA = new AtomicInteger();
            AtomicInteger runsB = new AtomicInteger();
            RebuildProperties slow = RebuildProperties.defaults().withChunkSize(50).withChunkPause(Duration.ofMillis(40));
            ProjectionRebuilds a = fixture.instance("a", slow, counting(leaseA, runsA));
            ProjectionRebuilds b = fixture.instance("b", slow, counting(leaseB, runsB));

            a.start(ProjectionGroups.PIPELINE, "张伟");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(fixture.rebuild(ProjectionGroups.PIPELINE).get("position") instanceof Number n && n.longValue() >= 600)) {
                assertThat(System.nanoTime()).as("the rebuild progresses").isLessThan(deadline);
                Thread.sleep(10);
            }
            Thread.sleep(500); // both instances have looked at the rebuild several times (every 100 ms)
            assertThat(runsA.get() + runsB.get()).as("runs of the rebuild").isEqualTo(1);
            String runner = fixture.rebuild(ProjectionGroups.PIPELINE).getString("runBy");
            assertThat(runner).isIn("a", "b");

            (runner.equals("a") ? a : b).close(); // the instance running it stops
            (runner.equals("a") ? leaseA : leaseB).close();
            long stoppedAt = ((Number) fixture.rebuild(ProjectionGroups.PIPELINE).get("position")).longValue();
            fixture.awaitState(ProjectionGroups.PIPELINE, RebuildJob.DONE, Duration.ofSeconds(60));

            String other = runner.equals("a") ? "b" : "a";
            assertThat(fixture.rebuild(ProjectionGroups.PIPELINE).getString("runBy")).isEqualTo(other);
            assertThat(((Number) fixture.rebuild(ProjectionGroups.PIPELINE).get("runStartPosition")).longValue()).isEqualTo(stoppedAt);
            assertThat((runner.equals("a") ? runsB : runsA).get()).as("runs on the other instance").isEqualTo(1);
            assertThat(fixture.version(ProjectionGroups.PIPELINE, 1)).isEqualTo(fixture.fromScratch(mongo, ProjectionGroups.PIPELINE));
            leaseA.close();
            leaseB.close();
        }
    }

    private static RebuildLease counting(MongoJobLease lease, AtomicInteger runs) {
        return (job, slot, work) -> lease.run(job, slot, () -> {
            runs.incrementAndGet();
            work.run();
        });
    }
}
