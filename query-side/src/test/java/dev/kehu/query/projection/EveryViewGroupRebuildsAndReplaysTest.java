package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.rebuild.EventLog;
import dev.kehu.query.projection.rebuild.ProjectionCollections;
import dev.kehu.query.projection.rebuild.RebuildPass;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's checks for every registered MongoDB view group, so that a projection author writes none of them:
 * a rebuild (the batch mode {@code POST /api/projections/{name}/rebuild} runs) gives exactly the views of the live
 * run, and a replay (every event delivered again, as a processor does after a retry, a crash or
 * {@code POST /api/projections/{name}/replay}) changes nothing. The groups come from {@link ProjectionGroups#ALL}, and
 * {@link #everyProcessingGroupClassOfTheViewsIsChecked} makes sure no {@code @ProcessingGroup} class of a view group
 * is left out of the handlers these checks run.
 */
class EveryViewGroupRebuildsAndReplaysTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);

    static EmbeddedMongo mongo;
    static InMemoryEventStorageEngine store;
    static MongoDatabase live;
    static List<TrackedEventMessage<?>> tracked;

    @BeforeAll
    static void liveRun() {
        mongo = new EmbeddedMongo();
        store = new InMemoryEventStorageEngine();
        live = mongo.database("every-group-live");
        try (ReadSide readSide = ReadSide.start(live, store, CLOCK, 40, true)) {
            readSide.publishLive(SeededHistory.generate(61, 3_000, TODAY).events(), 50);
            readSide.awaitCaughtUp(Duration.ofSeconds(120));
            tracked = readSide.storedEvents();
        }
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    static List<String> groups() {
        return ProjectionGroups.ALL;
    }

    @Test
    void everyProcessingGroupClassOfTheViewsIsChecked() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ProcessingGroup.class));
        Map<String, List<Object>> checked = ReadSide.projections(new ViewWriter(live));
        int found = 0;
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.kehu.query")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
                continue; // tests' own projections (older shapes kept for comparison) are not registered
            }
            String group = type.getAnnotation(ProcessingGroup.class).value();
            if (!ProjectionGroups.ELASTICSEARCH.contains(group)) {
                found++;
                assertThat(ProjectionGroups.ALL).as("%s's group is a registered view group", type.getSimpleName()).contains(group);
                assertThat(checked.get(group)).as("handlers of %s checked here", group).anyMatch(type::isInstance);
                assertThat(ProjectionCollections.of(group)).as("collections of %s (renamed by a rebuild)", group).isNotEmpty();
            }
        }
        assertThat(found).as("view projection classes found").isGreaterThanOrEqualTo(ProjectionGroups.ALL.size());
    }

    @ParameterizedTest(name = "{0}: a rebuild equals the live views")
    @MethodSource("groups")
    void aRebuildEqualsTheLiveViews(String group) {
        MongoDatabase rebuilt = rebuild(group, "rebuilt-" + group);
        Map<String, List<String>> views = ReadSide.viewDocuments(live, group);
        assertThat(views.values()).as("live views of %s", group).anyMatch(documents -> !documents.isEmpty());
        assertThat(ReadSide.viewDocuments(rebuilt, group)).isEqualTo(views);
    }

    @ParameterizedTest(name = "{0}: a replay changes nothing")
    @MethodSource("groups")
    void aReplayChangesNothing(String group) {
        MongoDatabase replayed = rebuild(group, "replayed-" + group);
        Map<String, List<String>> before = ReadSide.viewDocuments(replayed, group);
        ViewWriter writer = new ViewWriter(replayed);
        Map<String, List<Object>> handlers = Map.of(group, ReadSide.projections(writer).get(group));
        ProjectionPositions positions = new ProjectionPositions(replayed, () -> null, CLOCK);
        ReadSide.redeliver(positions, writer, handlers, tracked, 97); // the whole log again
        ReadSide.redeliver(positions, writer, handlers, tracked.subList(tracked.size() - 300, tracked.size()), 1); // its tail, one by one
        assertThat(ReadSide.viewDocuments(replayed, group)).isEqualTo(before);
    }

    /** The group alone rebuilt from the whole log into a database of its own, in the rebuild's batch mode. */
    private static MongoDatabase rebuild(String group, String name) {
        MongoDatabase target = mongo.database(name);
        RebuildBatch batch = new RebuildBatch(group, ReadSide.projections(new ViewWriter(target)).get(group), target,
                ProjectionCollections.of(group), true, 1_000_000);
        long last = new RebuildPass(EventLog.of(store), List.of(batch), 500).run(-1, (position, pass) -> true);
        assertThat(last).isEqualTo(tracked.get(tracked.size() - 1).trackingToken().position().orElseThrow());
        return target;
    }
}
