package dev.kehu.query.pipeline;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.projection.ViewWriter;
import dev.kehu.query.web.ViewFreshness;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline report read from the precomputed totals ({@link PipelineTotals}) equals the report computed at query
 * time from every deal ({@link PipelineOracle}, the former controller), for every owner and region filter and for
 * several periods, over a seeded history applied in batches with redelivery; and the totals do not depend on how the
 * events were batched. The oracle's slipped and shrunk deals come from the events ({@link DealChanges}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineTotalsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private SeededHistory history;
    private List<TrackedEventMessage<?>> events;
    private Clock clock;

    @BeforeAll
    void seed() {
        history = SeededHistory.generate(20261207L, 2_500, TODAY);
        events = new ArrayList<>();
        history.events().forEach(event -> events.add(new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(events.size() + 1), event)));
        clock = Clock.fixed(SeededHistory.startOfDay(TODAY).plus(Duration.ofHours(15)), ZoneOffset.UTC);
    }

    @AfterAll
    void stop() {
        mongo.close();
    }

    private MongoDatabase project(String name, int batchSize) {
        MongoDatabase database = mongo.database(name);
        ViewWriter writer = new ViewWriter(database);
        ReadSide.redeliver(positions(database), writer, Map.of(ProjectionGroups.PIPELINE,
                List.of(new PipelineProjection(writer, SeededHistory.ZONE))), events, batchSize);
        return database;
    }

    private ProjectionPositions positions(MongoDatabase database) {
        return new ProjectionPositions(database, () -> null, clock);
    }

    @Test
    void theTotalsAnswerWhatEveryDealAddsUpToForEveryFilterAndPeriod() {
        MongoDatabase database = project("totals", 7);
        ReportContext report = new ReportContext(clock, SeededHistory.ZONE.getId(), SeededHistory.CURRENCY);
        ViewFreshness freshness = new ViewFreshness(positions(database), Duration.ofSeconds(1));
        PipelineController controller = new PipelineController(database, freshness, report);
        PipelineOracle oracle = new PipelineOracle(database, freshness, report, events);

        List<String> owners = new ArrayList<>(SeededHistory.MANAGERS.subList(0, 3));
        owners.add(null);
        owners.add("没有这个人");
        List<String> regions = new ArrayList<>(SeededHistory.REGIONS.subList(0, 2));
        regions.add(null);
        String[][] periods = {{null, null}, {"2000-01-01", null}, {TODAY.minusDays(30).toString(), TODAY.minusDays(1).toString()},
                {"2025-02-01", "2025-02-28"}};
        int compared = 0;
        for (String owner : owners) {
            for (String region : regions) {
                for (String[] period : periods) {
                    Map<String, Object> expected = oracle.pipeline(period[0], period[1], owner, region, null).join().getBody();
                    Map<String, Object> actual = controller.pipeline(period[0], period[1], owner, region, null).join().getBody();
                    assertThat(actual).as("owner %s, region %s, period %s..%s", owner, region, period[0], period[1])
                            .isEqualTo(expected);
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(60);
        Map<String, Object> all = controller.pipeline("2000-01-01", null, null, null, null).join().getBody();
        // the history is rich enough for the comparison to mean something
        assertThat(all.toString()).contains("byOwner", "daysSlipped", "shrunkBy");
        assertThat(((List<?>) all.get("slipped"))).hasSizeGreaterThan(3);
        assertThat(((List<?>) all.get("shrunk"))).hasSizeGreaterThan(3);
    }

    @Test
    void theTotalsDoNotDependOnBatching() {
        List<Document> oneByOne = totals(project("one-by-one", 1));
        List<Document> batched = totals(project("batched", 250));
        assertThat(oneByOne).isNotEmpty();
        assertThat(batched).isEqualTo(oneByOne);
    }

    private static List<Document> totals(MongoDatabase database) {
        List<Document> totals = new ArrayList<>();
        database.getCollection(PipelineTotals.COLLECTION).find().sort(new Document("_id", 1)).into(totals);
        return totals;
    }
}
