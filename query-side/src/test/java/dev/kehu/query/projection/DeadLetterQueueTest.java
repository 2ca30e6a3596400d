package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.query.history.EventTape;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.kehu.query.projection.DeadLetterFixture.changed;
import static dev.kehu.query.projection.DeadLetterFixture.registered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter queue on a real (embedded) MongoDB server under a real tracking processor: an event a
 * projection throws on is parked with its cause and attempt count while the other aggregates' events
 * go on; later events of its aggregate queue behind it in order; a retry before the fix keeps them and
 * counts the attempt; after the fix a retry applies the whole sequence in order, also to a document
 * other aggregates had moved past it; then the aggregate's new events apply directly again.
 */
class DeadLetterQueueTest {

    static final String GROUP = "dead-letter-test";
    static final String CUSTOMERS = "dl_customers";
    static final String REGIONS = "dl_regions";

    DeadLetterFixture fixture;
    MongoDatabase database;
    final AtomicBoolean broken = new AtomicBoolean(true);

    @BeforeEach
    void start() {
        fixture = new DeadLetterFixture(GROUP, "dead_letters", 3, writer -> new RegionCards(writer, broken));
        database = fixture.database;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aPoisonEventIsParkedTheOthersGoOnAndAfterTheFixARetryAppliesItsWholeSequenceInOrder() {
        EventTape tape = new EventTape(Instant.parse("2026-05-01T01:00:00Z"))
                .customer("c1", registered("c1", "北京京东世纪贸易有限公司", "北京办事处"))
                .customer("c2", registered("c2", "毒药测试有限公司", "北京办事处"))
                .customer("c2", changed("c2", "深圳毒药科技有限公司", "北京办事处"))
                .customer("c3", registered("c3", "Emma Wilson Trading Ltd", "北京办事处"));
        fixture.publishAndAwait(tape.events().subList(0, 4));

        assertThat(fixture.name(CUSTOMERS, "c1")).isEqualTo("北京京东世纪贸易有限公司");
        assertThat(fixture.name(CUSTOMERS, "c3")).as("a later event of another aggregate goes on").isEqualTo("Emma Wilson Trading Ltd");
        assertThat(database.getCollection(CUSTOMERS).find(Filters.eq("_id", "c2")).first()).isNull();
        List<Document> parked = fixture.letters();
        assertThat(parked).extracting(d -> d.getString("eventType"))
                .containsExactly(CustomerRegistered.class.getName(), CustomerProfileChanged.class.getName());
        assertThat(parked).allSatisfy(d -> assertThat(d.getString("sequenceId")).isEqualTo("c2"));
        assertThat(parked.get(0).getInteger(MongoDeadLetterQueue.ATTEMPTS)).isEqualTo(1);
        assertThat(parked.get(0).get("cause", Document.class).getString("message")).contains("cannot read 毒 yet");
        assertThat(parked.get(1).get("cause")).as("queued behind, not failed itself").isNull();
        assertThat(parked.get(0).getLong("position")).isLessThan(parked.get(1).getLong("position"));
        assertThat(DeadLetterQueues.count(database, GROUP)).isEqualTo(2);

        // a new event of the parked aggregate waits behind it too
        tape.customer("c2", changed("c2", "广州毒药贸易有限公司", "北京办事处"));
        fixture.publishAndAwait(tape.events().subList(4, 5));
        assertThat(fixture.letters()).hasSize(3);
        assertThat(database.getCollection(CUSTOMERS).find(Filters.eq("_id", "c2")).first()).isNull();

        // retried before the fix: stays parked, one attempt more
        assertThat(fixture.deadLetterProcessor().processAny()).isFalse();
        assertThat(fixture.letters()).hasSize(3);
        assertThat(fixture.letters().get(0).getInteger(MongoDeadLetterQueue.ATTEMPTS)).isEqualTo(2);

        broken.set(false);
        assertThat(fixture.deadLetterProcessor().processAny()).isTrue();
        assertThat(fixture.letters()).isEmpty();
        assertThat(fixture.name(CUSTOMERS, "c2")).as("all three applied, in order").isEqualTo("广州毒药贸易有限公司");
        Document region = database.getCollection(REGIONS).find(Filters.eq("_id", "北京办事处")).first();
        assertThat(region.getList("customers", String.class))
                .as("the region card had moved past the parked event (c3 came later): the retry still applies to it")
                .containsExactly("c1", "c3", "c2");

        tape.customer("c2", changed("c2", "广州毒药贸易集团", "北京办事处"));
        fixture.publishAndAwait(tape.events().subList(5, 6));
        assertThat(fixture.letters()).isEmpty();
        assertThat(fixture.name(CUSTOMERS, "c2")).isEqualTo("广州毒药贸易集团");
    }

    @Test
    void aRetryRepeatedAfterItAppliedChangesNothingTwice() {
        EventTape tape = new EventTape(Instant.parse("2026-05-01T01:00:00Z"))
                .customer("c2", registered("c2", "毒药测试有限公司", "上海办事处"))
                .customer("c4", registered("c4", "上海浦东发展银行", "上海办事处"));
        fixture.publishAndAwait(tape.events());
        assertThat(fixture.letters()).hasSize(1);
        broken.set(false);
        // a retry that applied the letter but whose eviction was lost: the letter is applied again
        Document letter = fixture.letters().get(0);
        assertThat(fixture.deadLetterProcessor().processAny()).isTrue();
        database.getCollection(MongoDeadLetterQueue.COLLECTION).insertOne(letter);
        assertThat(fixture.deadLetterProcessor().processAny()).isTrue();
        Document region = database.getCollection(REGIONS).find(Filters.eq("_id", "上海办事处")).first();
        assertThat(region.getList("customers", String.class)).containsExactly("c4", "c2");
    }

    /** A small view: a card per customer and per region; it cannot read 毒 while {@code broken}. */
    @ProcessingGroup(GROUP)
    static final class RegionCards {
        private final ViewWriter writer;
        private final AtomicBoolean broken;

        RegionCards(ViewWriter writer, AtomicBoolean broken) {
            this.writer = writer;
            this.broken = broken;
        }

        @EventHandler
        void on(CustomerRegistered event, TrackingToken token) {
            String name = event.profile().chineseName();
            if (broken.get() && name.contains("毒")) {
                throw new IllegalStateException("cannot read 毒 yet");
            }
            writer.upsert(CUSTOMERS, event.customerId(), token, d -> d.put("name", name));
            writer.upsert(REGIONS, event.profile().region(), token, d -> {
                List<String> customers = new ArrayList<>(d.getList("customers", String.class, List.of()));
                customers.add(event.customerId());
                d.put("customers", customers);
            });
        }

        @EventHandler
        void on(CustomerProfileChanged event, TrackingToken token) {
            writer.update(CUSTOMERS, event.customerId(), token, d -> d.put("name", event.profile().chineseName()));
        }
    }
}
