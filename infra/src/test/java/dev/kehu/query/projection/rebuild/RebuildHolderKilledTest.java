package dev.kehu.query.projection.rebuild;

import dev.kehu.infra.schedule.MongoJobLease;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.ProjectionGroups;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild whose holder dies (a child JVM killed with SIGKILL, so nothing is released or recorded on its way out) is
 * taken over by another instance once the holder's lease has run out, from the position the dead holder stored last,
 * and the new version equals a rebuild from scratch.
 */
class RebuildHolderKilledTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);
    static final RebuildProperties SLOW = RebuildProperties.defaults().withChunkSize(50).withChunkPause(Duration.ofMillis(40));
    static final Duration LEASE = Duration.ofSeconds(2);

    @Test
    void aRebuildWhoseHolderIsKilledIsResumedByAnotherInstanceOnceTheLeaseRunsOut() throws Exception {
        Path log = Files.createTempFile("rebuild-holder", ".log");
        try (EmbeddedMongo mongo = new EmbeddedMongo();
             RebuildFixture fixture = new RebuildFixture(mongo, "holder-killed", RebuildHolderProcess.engine(mongo.database("holder-killed")), CLOCK)) {
            fixture.readSide.publishLive(SeededHistory.generate(53, 3_000, TODAY).events(), 100);
            fixture.readSide.awaitCaughtUp(Duration.ofSeconds(60));

            Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), RebuildHolderProcess.class.getName(),
                    String.valueOf(mongo.port()), "holder-killed", "holder", String.valueOf(LEASE.toMillis()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            try {
                // the request is recorded here by an instance that never wins the lease: only the child can run it
                fixture.instance("requester", SLOW, (job, slot, work) -> false).start(ProjectionGroups.PIPELINE, "王芳 Wang Fang");
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!("holder".equals(fixture.rebuild(ProjectionGroups.PIPELINE).getString("runBy"))
                        && fixture.rebuild(ProjectionGroups.PIPELINE).get("position") instanceof Number n && n.longValue() >= 600)) {
                    assertThat(holder.isAlive()).as("the holder runs (log: %s)", Files.readString(log)).isTrue();
                    assertThat(System.nanoTime()).as("the holder's rebuild progresses (log: %s)", Files.readString(log)).isLessThan(deadline);
                    Thread.sleep(10);
                }
            } finally {
                holder.destroyForcibly(); // SIGKILL: no shutdown hook, no release of the lease
                assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            long stoppedAt = ((Number) fixture.rebuild(ProjectionGroups.PIPELINE).get("position")).longValue();
            assertThat(fixture.rebuild(ProjectionGroups.PIPELINE).getString("state")).isEqualTo(RebuildJob.RUNNING);
            Thread.sleep(300);
            assertThat(((Number) fixture.rebuild(ProjectionGroups.PIPELINE).get("position")).longValue())
                    .as("nobody advances the dead holder's rebuild").isEqualTo(stoppedAt);

            long killedAt = System.nanoTime();
            MongoJobLease lease = new MongoJobLease(fixture.raw, "survivor", LEASE, Clock.systemUTC());
            try {
                fixture.instance("survivor", SLOW.withChunkPause(Duration.ZERO), lease::run);
                fixture.awaitState(ProjectionGroups.PIPELINE, RebuildJob.DONE, Duration.ofSeconds(60));
            } finally {
                lease.close();
            }
            assertThat(fixture.rebuild(ProjectionGroups.PIPELINE).getString("runBy")).isEqualTo("survivor");
            assertThat(((Number) fixture.rebuild(ProjectionGroups.PIPELINE).get("runStartPosition")).longValue())
                    .as("the survivor resumes where the dead holder stored its position").isEqualTo(stoppedAt);
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("taken over within a few leases").isLessThan(Duration.ofSeconds(30));
            assertThat(fixture.version(ProjectionGroups.PIPELINE, 1)).isEqualTo(fixture.fromScratch(mongo, ProjectionGroups.PIPELINE));
            assertThat(fixture.version(ProjectionGroups.PIPELINE, 1).get("pipeline_opportunities")).isNotEmpty();
        } finally {
            Files.deleteIfExists(log);
        }
    }

}
