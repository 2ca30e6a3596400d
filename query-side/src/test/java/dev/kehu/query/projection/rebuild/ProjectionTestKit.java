package dev.kehu.query.projection.rebuild;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.RebuildBatch;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection author's test in a line or two: given these events, expect this view document.
 * <pre>{@code
 * ProjectionTestKit.of(mongo, ProjectionGroups.CUSTOMER_LIST)
 *         .given("Customer", "c-1", new CustomerRegistered(...), new CustomerTierChanged(...))
 *         .expect("customer_list", "c-1", doc -> assertThat(doc.getString("tier")).isEqualTo("GOLD"));
 * }</pre>
 * The events run through the group's handlers twice, as the live processor runs them (one batch per event, through the
 * batch interceptor) and as a rebuild does (one chunk, documents held in memory); every document must come out the
 * same both ways, so each such test also checks "rebuild equals live".
 */
public final class ProjectionTestKit {

    private final EmbeddedMongo mongo;
    private final String group;
    private final List<TrackedEventMessage<?>> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    private ProjectionTestKit(EmbeddedMongo mongo, String group) {
        this.mongo = mongo;
        this.group = group;
    }

    public static ProjectionTestKit of(EmbeddedMongo mongo, String group) {
        return new ProjectionTestKit(mongo, group);
    }

    /** Appends events of one aggregate, numbered on from its previous ones, at the next global positions. */
    public ProjectionTestKit given(String aggregateType, String aggregateId, Object... payloads) {
        for (Object payload : payloads) {
            long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
            var event = new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload);
            events.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(events.size() + 1), event));
        }
        return this;
    }

    /** Runs the events both ways, checks they agree, and hands the document to {@code check} (null when absent). */
    public ProjectionTestKit expect(String collection, Object id, java.util.function.Consumer<Document> check) {
        Map<String, List<String>> live = live();
        Map<String, List<String>> rebuilt = rebuilt();
        assertThat(rebuilt).as("rebuild equals live for " + group).isEqualTo(live);
        MongoDatabase database = mongo.database("kit-check-" + System.nanoTime());
        run(database);
        check.accept(database.getCollection(collection).find(new Document("_id", id)).first());
        return this;
    }

    private Map<String, List<String>> live() {
        MongoDatabase database = mongo.database("kit-live-" + System.nanoTime());
        ViewWriter writer = new ViewWriter(database);
        ReadSide.redeliver(new ProjectionPositions(database, () -> null, Clock.systemUTC()), writer,
                Map.of(group, ReadSide.projections(writer).get(group)), events, 1);
        return RebuildFixture.documents(database, group, 0);
    }

    private Map<String, List<String>> rebuilt() {
        MongoDatabase database = mongo.database("kit-rebuild-" + System.nanoTime());
        run(database);
        return RebuildFixture.documents(database, group, 0);
    }

    private void run(MongoDatabase database) {
        RebuildBatch batch = new RebuildBatch(group, ReadSide.projections(new ViewWriter(database)).get(group), database,
                ProjectionCollections.of(group), true, 1_000_000);
        EventLog log = new EventLog() {
            @Override
            public Stream<? extends TrackedEventMessage<?>> readAfter(long position) {
                return events.stream().filter(e -> e.trackingToken().position().orElseThrow() > position);
            }

            @Override
            public long headPosition() {
                return events.size();
            }
        };
        new RebuildPass(log, List.of(batch), 10_000).run(-1, (position, pass) -> true);
    }
}
