package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.tokenstore.MongoTokenStore;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.operations.ProjectionControl;
import dev.kehu.query.projection.operations.SegmentBalancer;
import dev.kehu.query.projection.operations.SegmentStatus;
import dev.kehu.query.projection.rebuild.ProjectionCollections;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the read side on one MongoDB event store and token store, the splittable groups in four
 * segments: both own segments of every split group, a pause holds a group on both (every segment released) until it
 * is resumed, and when one instance stops the other claims all of them; the views equal
 * those of one instance running alone over the same log (no event missed, none applied out of order). A group that ran
 * in one segment before is split to the configured count.
 */
class SegmentsAcrossInstancesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);
    static final int SEGMENTS = 4;

    @Test
    void twoInstancesShareTheSegmentsAndTheOneLeftTakesAllOverWithoutMissingAnEvent() throws Exception {
        try (EmbeddedMongo mongo = new EmbeddedMongo()) {
            MongoDatabase shared = mongo.database("segments");
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(shared).settings(EventStoreSettings.defaults())
                    .eventSerializer(AxonConfiguration.messageSerializer()).snapshotSerializer(AxonConfiguration.snapshotSerializer()).build();
            List<DomainEventMessage<?>> events = SeededHistory.generate(47, 2_000, TODAY).events();
            int third = events.size() / 3;

            MongoTokenStore tokensA = tokenStore(shared, "instance-a");
            MongoTokenStore tokensB = tokenStore(shared, "instance-b");
            ReadSide a = instance(shared, engine, tokensA);
            SegmentBalancer balancerA = balancer(shared, a, tokensA);
            ReadSide b = instance(shared, engine, tokensB);
            SegmentBalancer balancerB = balancer(shared, b, tokensB);
            try {
                a.publishLive(events.subList(0, third), 100);
                await("both instances own segments of every split group", Duration.ofSeconds(30), () ->
                        ProjectionGroups.SPLITTABLE.stream().allMatch(group -> owners(tokensA, group).keySet()
                                .containsAll(Set.of("instance-a", "instance-b"))));
                for (String group : ProjectionGroups.SPLITTABLE) {
                    Map<String, Long> owners = owners(tokensA, group);
                    assertThat(owners).as("segments of %s by owner", group)
                            .containsEntry("instance-a", 2L).containsEntry("instance-b", 2L);
                }
                Map<String, Object> status = new LinkedHashMap<>();
                new SegmentStatus(tokensB).addTo(ProjectionGroups.CUSTOMER_LIST, status);
                assertThat((List<?>) status.get("segments")).hasSize(SEGMENTS);

                // a pause holds the group on both instances: every segment released, as a rebuild's switch needs
                ProjectionControl controlA = control(shared, a);
                ProjectionControl controlB = control(shared, b);
                try {
                    controlA.pause(ProjectionGroups.CUSTOMER_LIST, "李娜 Li Na");
                    controlA.awaitReleased(ProjectionGroups.CUSTOMER_LIST);
                    long pausedAt = a.positions().position(ProjectionGroups.CUSTOMER_LIST);
                    b.publishLive(events.subList(third, third + 200), 100);
                    Thread.sleep(1_500);
                    assertThat(owners(tokensA, ProjectionGroups.CUSTOMER_LIST)).as("live claims while paused").isEmpty();
                    assertThat(a.positions().position(ProjectionGroups.CUSTOMER_LIST)).as("customer-list position while paused").isEqualTo(pausedAt);
                    controlA.resume(ProjectionGroups.CUSTOMER_LIST, "李娜 Li Na");
                    await("both instances work on customer-list again", Duration.ofSeconds(30), () ->
                            owners(tokensA, ProjectionGroups.CUSTOMER_LIST).keySet().containsAll(Set.of("instance-a", "instance-b")));
                } finally {
                    controlA.close();
                    controlB.close();
                }

                b.publishLive(events.subList(third + 200, 2 * third), 100); // commands arrive at both instances
                balancerB.close();
                b.close(); // stops: releases its segments
                a.publishLive(events.subList(2 * third, events.size()), 100);
                await("instance-a claims every segment", Duration.ofSeconds(30), () ->
                        ProjectionGroups.SPLITTABLE.stream().allMatch(group ->
                                owners(tokensA, group).equals(Map.of("instance-a", (long) SEGMENTS))));
                a.awaitCaughtUp(Duration.ofSeconds(60));
            } finally {
                balancerA.close();
                a.close();
            }

            MongoDatabase alone = mongo.database("one-instance");
            try (ReadSide single = ReadSide.start(alone, engine, CLOCK, 40, true)) {
                single.awaitCaughtUp(Duration.ofSeconds(60));
            }
            for (String group : ProjectionGroups.ALL) {
                assertThat(ReadSide.viewDocuments(shared, group)).as("views of %s with segments across two instances", group)
                        .isEqualTo(ReadSide.viewDocuments(alone, group));
            }
            assertThat(ReadSide.viewDocuments(alone, ProjectionGroups.PIPELINE).values().stream().mapToInt(List::size).sum())
                    .as("pipeline documents").isGreaterThan(50);
        }
    }

    @Test
    void aGroupThatRanInOneSegmentIsSplitToTheConfiguredCountWithoutMissingAnEvent() throws Exception {
        try (EmbeddedMongo mongo = new EmbeddedMongo()) {
            MongoDatabase shared = mongo.database("grown");
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(shared).settings(EventStoreSettings.defaults())
                    .eventSerializer(AxonConfiguration.messageSerializer()).snapshotSerializer(AxonConfiguration.snapshotSerializer()).build();
            List<DomainEventMessage<?>> events = SeededHistory.generate(59, 1_500, TODAY).events();
            MongoTokenStore tokens = tokenStore(shared, "instance-a");
            try (ReadSide before = ReadSide.start(shared, engine, CLOCK, 40, true, new SkippedEvents(shared, CLOCK), tokens, tokens, 1)) {
                before.publishLive(events.subList(0, events.size() / 2), 100);
                before.awaitCaughtUp(Duration.ofSeconds(60));
            }
            assertThat(tokens.claims(ProjectionGroups.CUSTOMER_LIST)).as("customer-list segments before").hasSize(1);

            ReadSide after = instance(shared, engine, tokens);
            SegmentBalancer balancer = balancer(shared, after, tokens);
            try {
                after.publishLive(events.subList(events.size() / 2, events.size()), 100);
                await("every split group has " + SEGMENTS + " segments", Duration.ofSeconds(60), () ->
                        ProjectionGroups.SPLITTABLE.stream().allMatch(group -> tokens.claims(group).size() == SEGMENTS));
                after.awaitCaughtUp(Duration.ofSeconds(60));
            } finally {
                balancer.close();
                after.close();
            }
            MongoDatabase alone = mongo.database("grown-alone");
            try (ReadSide single = ReadSide.start(alone, engine, CLOCK, 40, true)) {
                single.awaitCaughtUp(Duration.ofSeconds(60));
            }
            for (String group : ProjectionGroups.ALL) {
                assertThat(ReadSide.viewDocuments(shared, group)).as("views of %s after the split", group).isEqualTo(ReadSide.viewDocuments(alone, group));
            }
        }
    }

    private static MongoTokenStore tokenStore(MongoDatabase database, String owner) {
        return new MongoTokenStore(database, "tokens", AxonConfiguration.messageSerializer(), owner, Duration.ofSeconds(10), Clock.systemUTC());
    }

    private static ReadSide instance(MongoDatabase database, MongoEventStorageEngine engine, MongoTokenStore tokens) {
        return ReadSide.start(database, engine, CLOCK, 40, true, new SkippedEvents(database, CLOCK), tokens, tokens, SEGMENTS);
    }

    private static ProjectionControl control(MongoDatabase database, ReadSide side) {
        ProjectionControl control = new ProjectionControl(database, side::configuration, CLOCK, Duration.ofMillis(200));
        control.start();
        return control;
    }

    private static SegmentBalancer balancer(MongoDatabase database, ReadSide side, MongoTokenStore tokens) {
        SegmentBalancer balancer = new SegmentBalancer(database, side::configuration, tokens, Clock.systemUTC(), Duration.ofMillis(300), SEGMENTS);
        balancer.start();
        return balancer;
    }

    /** Live claims of the group's segments, counted by owner. */
    private static Map<String, Long> owners(MongoTokenStore tokens, String group) {
        return tokens.claims(group).stream().filter(SegmentClaims.Claim::live)
                .collect(Collectors.groupingBy(SegmentClaims.Claim::owner, TreeMap::new, Collectors.counting()));
    }


    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
