package dev.kehu.query.worklist;

import com.mongodb.client.MongoDatabase;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.projection.ViewWriter;
import dev.kehu.query.web.Page;
import dev.kehu.query.web.ViewFreshness;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterAll;
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
 * Every section of every manager's worklist, read by key ({@link WorklistKeys}), equals what the events say
 * ({@link WorklistOracle}) on the history's last day and on days after it without any event (so the sections move
 * with today, not with events), paged with a small limit; after a seeded history with three merges and three changes of
 * account manager at its end (follow-ups move between customers and managers), delivered in batches with redelivery.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorklistKeysTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private final EmbeddedMongo mongo = new EmbeddedMongo();

    @AfterAll
    void stop() {
        mongo.close();
    }

    @Test
    void everySectionOfEveryManagerIsWhatTheEventsSayOnEveryDay() {
        SeededHistory history = SeededHistory.generate(20261208L, 3_000, TODAY);
        WorklistOracle oracle = new WorklistOracle(SeededHistory.ZONE);
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        history.events().forEach(event -> {
            events.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(events.size() + 1), event));
            oracle.apply(event);
        });
        // merges and manager changes at the end: follow-ups move to another customer or manager
        List<String> withFollowUps = oracle.customers.entrySet().stream()
                .filter(c -> c.getValue().manager != null && !oracle.openFollowUps(c.getKey()).isEmpty()).map(Map.Entry::getKey).toList();
        assertThat(withFollowUps).as("customers with open follow-ups in the history").hasSizeGreaterThan(9);
        List<Object> extra = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String duplicate = withFollowUps.get(i);
            String survivor = withFollowUps.get(i + 3);
            extra.add(new CustomerMerged(duplicate, survivor));
            extra.add(new DuplicateCustomerAbsorbed(survivor, duplicate, List.of(), oracle.openFollowUps(duplicate), List.of(), List.of()));
            String moved = withFollowUps.get(i + 6);
            String manager = oracle.customers.get(moved).manager;
            String other = SeededHistory.MANAGERS.get((SeededHistory.MANAGERS.indexOf(manager) + 1) % SeededHistory.MANAGERS.size());
            extra.add(new AccountManagerAssigned(moved, other, manager, "换人 reassigned"));
        }
        for (Object payload : extra) {
            var message = GenericEventMessage.asEventMessage(payload);
            events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(events.size() + 1), message));
            oracle.apply(message);
        }

        MongoDatabase database = mongo.database("worklist-keys");
        ViewWriter writer = new ViewWriter(database);
        Clock clock = Clock.fixed(SeededHistory.startOfDay(TODAY).plus(Duration.ofHours(15)), ZoneOffset.UTC);
        ReadSide.redeliver(new ProjectionPositions(database, () -> null, clock), writer,
                Map.of(ProjectionGroups.WORKLIST, List.of(new WorklistProjection(writer))), events, 11);

        List<String> managers = new ArrayList<>(SeededHistory.MANAGERS);
        managers.add("没有这个人");
        int rows = 0;
        for (LocalDate today : List.of(TODAY, TODAY.plusDays(1), TODAY.plusDays(20), TODAY.plusDays(45))) {
            Clock then = Clock.fixed(SeededHistory.startOfDay(today).plus(Duration.ofHours(15)), ZoneOffset.UTC);
            WorklistController controller = new WorklistController(database,
                    new ViewFreshness(new ProjectionPositions(database, () -> null, then), Duration.ofSeconds(1)),
                    new ReportContext(then, SeededHistory.ZONE.getId(), SeededHistory.CURRENCY), new WorklistProperties(30));
            for (String manager : managers) {
                Map<String, Object> worklist = controller.worklist(manager, null, null, 5, null).join().getBody();
                for (String section : WorklistController.SECTIONS) {
                    List<String> expected = oracle.section(section, manager, today, 30, WorklistController.UPCOMING_DAYS);
                    assertThat(read(controller, manager, section)).as("%s of %s on %s", section, manager, today).isEqualTo(expected);
                    assertThat(((Map<?, ?>) worklist.get("counts")).get(section)).as("count of %s", section).isEqualTo((long) expected.size());
                    rows += expected.size();
                }
            }
        }
        assertThat(rows).as("the sections are not empty").isGreaterThan(200);
    }

    /** Every page of a section (4 rows a page) as "id:days". */
    private static List<String> read(WorklistController controller, String manager, String section) {
        List<String> rows = new ArrayList<>();
        String cursor = null;
        do {
            Page<Map<String, Object>> page = controller.section(manager, section, null, null, cursor, 4, null).join().getBody();
            for (Map<String, Object> row : page.items()) {
                Object days = row.getOrDefault("daysOverdue", row.getOrDefault("daysUntilDue",
                        row.getOrDefault("daysSinceContact", row.get("daysPastClose"))));
                rows.add(row.get("id") + ":" + days);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return rows;
    }
}
