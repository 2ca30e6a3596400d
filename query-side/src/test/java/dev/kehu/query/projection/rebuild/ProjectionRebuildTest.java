package dev.kehu.query.projection.rebuild;

import dev.kehu.query.customerlist.CustomerListProjection;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.ProjectionGroups;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilds on the embedded server with live processors running: a rebuild while events keep arriving ends as a new
 * version equal to a rebuild from scratch of the whole log (no event missed), queries switch to it and the old version
 * is dropped after its grace period; a rebuild stopped with its instance resumes from its stored position in another.
 */
class ProjectionRebuildTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);
    static EmbeddedMongo mongo;
    static List<? extends EventMessage<?>> events;

    @BeforeAll
    static void history() {
        mongo = new EmbeddedMongo();
        events = SeededHistory.generate(11, 4_000, TODAY).events();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void aRebuildWhileEventsKeepArrivingEqualsARebuildFromScratchAndQueriesSwitchToIt() throws Exception {
        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        try (RebuildFixture fixture = new RebuildFixture(mongo, "live-rebuild", engine, CLOCK)) {
            int half = events.size() / 2;
            fixture.readSide.publishLive(events.subList(0, half), 50);
            fixture.readSide.awaitCaughtUp(Duration.ofSeconds(60));
            List<? extends EventMessage<?>> rest = events.subList(half, events.size());
            java.util.concurrent.atomic.AtomicBoolean switched = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            Thread publisher = new Thread(() -> { // one event every ~2 ms until both rebuilds switched, keeping 100 for after
                while (!switched.get() && sent.get() < rest.size() - 100) {
                    fixture.readSide.publishLive(List.of(rest.get(sent.getAndIncrement())), 1);
                }
            });
            ProjectionRebuilds rebuilds = fixture.instance("one", RebuildProperties.defaults().withChunkSize(100)
                    .withChunkPause(Duration.ofMillis(10)).withGracePeriod(Duration.ZERO), RebuildLease.local());

            publisher.start();
            Map<String, Object> started = rebuilds.start(ProjectionGroups.CUSTOMER_LIST, "王芳 admin");
            rebuilds.start(ProjectionGroups.CUSTOMER_360, "emma.wilson");
            assertThat(started.get("version")).isEqualTo(0);
            fixture.awaitState(ProjectionGroups.CUSTOMER_LIST, RebuildJob.DONE, Duration.ofSeconds(120));
            fixture.awaitState(ProjectionGroups.CUSTOMER_360, RebuildJob.DONE, Duration.ofSeconds(120));
            switched.set(true);
            publisher.join();
            int duringRebuild = sent.get();
            fixture.readSide.publishLive(rest.subList(duringRebuild, rest.size()), 20); // and after the switch
            fixture.readSide.awaitCaughtUp(Duration.ofSeconds(60));

            assertThat(duringRebuild).as("events arrived while the rebuilds ran").isPositive();
            for (String group : List.of(ProjectionGroups.CUSTOMER_LIST, ProjectionGroups.CUSTOMER_360)) {
                assertThat(fixture.versions.refresh().versions()).containsEntry(group, 1);
                Map<String, List<String>> rebuilt = fixture.version(group, 1);
                assertThat(rebuilt.values()).allSatisfy(documents -> assertThat(documents).isNotEmpty());
                assertThat(rebuilt).as(group).isEqualTo(fixture.fromScratch(mongo, group));
                assertThat(rebuilds.status(group)).containsEntry("version", 1);
            }
            // queries read the new version through the routing; the old one is dropped after its (zero) grace period
            assertThat(fixture.routed.getCollection(CustomerListProjection.COLLECTION).countDocuments())
                    .isEqualTo(fixture.raw.getCollection("customer_list_v1").countDocuments());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (fixture.exists(CustomerListProjection.COLLECTION) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(fixture.exists(CustomerListProjection.COLLECTION)).as("old version dropped").isFalse();
            assertThat(fixture.control.paused(ProjectionGroups.CUSTOMER_LIST)).as("live processor resumed").isFalse();
        }
    }

    @Test
    void aRebuildStoppedWithItsInstanceResumesFromItsStoredPositionInAnother() throws Exception {
        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        try (RebuildFixture fixture = new RebuildFixture(mongo, "resume", engine, CLOCK)) {
            fixture.readSide.publishLive(events, 100);
            fixture.readSide.awaitCaughtUp(Duration.ofSeconds(60));
            ProjectionRebuilds first = rebuildingPast1000(fixture, "first", ProjectionGroups.PIPELINE, "李娜");
            first.close(); // the instance stops mid-rebuild
            long stoppedAt = ((Number) fixture.rebuild(ProjectionGroups.PIPELINE).get("position")).longValue();
            assertThat(stoppedAt).isBetween(1_000L, (long) events.size() - 500);
            assertThat(fixture.rebuild(ProjectionGroups.PIPELINE).getString("state")).isEqualTo(RebuildJob.RUNNING);

            fixture.instance("second", RebuildProperties.defaults().withChunkSize(100), RebuildLease.local());
            fixture.awaitState(ProjectionGroups.PIPELINE, RebuildJob.DONE, Duration.ofSeconds(60));

            assertThat(fixture.rebuild(ProjectionGroups.PIPELINE).getString("runBy")).isEqualTo("second");
            assertThat(((Number) fixture.rebuild(ProjectionGroups.PIPELINE).get("runStartPosition")).longValue()).isEqualTo(stoppedAt);
            assertThat(fixture.version(ProjectionGroups.PIPELINE, 1)).isEqualTo(fixture.fromScratch(mongo, ProjectionGroups.PIPELINE));
        }
    }

    /**
     * A stopped instance may be started again (Spring stops and restarts a context's lifecycle beans; the test
     * framework does so with a paused cached context): the rebuild it stopped resumes on it from its stored position.
     */
    @Test
    void aRebuildStoppedWithItsInstanceResumesWhenTheSameInstanceStartsAgain() throws Exception {
        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        try (RebuildFixture fixture = new RebuildFixture(mongo, "restart", engine, CLOCK)) {
            fixture.readSide.publishLive(events.subList(0, 2_500), 100);
            fixture.readSide.awaitCaughtUp(Duration.ofSeconds(60));
            ProjectionRebuilds instance = rebuildingPast1000(fixture, "restarted", ProjectionGroups.SERVICE, "王芳 admin");
            instance.stop();
            assertThat(instance.isRunning()).isFalse();
            long stoppedAt = ((Number) fixture.rebuild(ProjectionGroups.SERVICE).get("position")).longValue();
            assertThat(fixture.rebuild(ProjectionGroups.SERVICE).getString("state")).isEqualTo(RebuildJob.RUNNING);

            instance.start();
            fixture.awaitState(ProjectionGroups.SERVICE, RebuildJob.DONE, Duration.ofSeconds(60));
            assertThat(((Number) fixture.rebuild(ProjectionGroups.SERVICE).get("runStartPosition")).longValue())
                    .isEqualTo(stoppedAt);
            assertThat(fixture.version(ProjectionGroups.SERVICE, 1)).isEqualTo(fixture.fromScratch(mongo, ProjectionGroups.SERVICE));
        }
    }

    /** A new instance (chunks of 100, 30 ms apart) rebuilding {@code group}, once the rebuild passed position 1,000. */
    private static ProjectionRebuilds rebuildingPast1000(RebuildFixture fixture, String name, String group, String actor)
            throws InterruptedException {
        ProjectionRebuilds instance = fixture.instance(name, RebuildProperties.defaults().withChunkSize(100)
                .withChunkPause(Duration.ofMillis(30)), RebuildLease.local());
        instance.start(group, actor);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fixture.rebuild(group).get("position") instanceof Number n && n.longValue() < 1_000
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return instance;
    }
}
