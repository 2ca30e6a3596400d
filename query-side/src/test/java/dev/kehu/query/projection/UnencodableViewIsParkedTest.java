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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.kehu.query.projection.DeadLetterFixture.changed;
import static dev.kehu.query.projection.DeadLetterFixture.registered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view value its codec cannot encode (found only when the batch writes, after the event was handled) is parked in
 * the dead-letter queue like an event its handler throws on, not skipped: the batch is retried with values encoded
 * event by event, the poisoned event fails in its handler and is parked with its aggregate's later events behind it,
 * the other customers' documents are written, nothing goes to {@code projection_skipped_events}; after the fix a retry
 * through the queue applies the sequence. Real tracking processor, embedded MongoDB server, the application's
 * {@link ViewBatchInterceptor} and dead-letter queue.
 */
class UnencodableViewIsParkedTest {

    static final String GROUP = "unencodable-test";
    static final String CARDS = "ue_cards";

    DeadLetterFixture fixture;
    MongoDatabase database;
    final AtomicBoolean broken = new AtomicBoolean(true);

    @BeforeEach
    void start() {
        fixture = new DeadLetterFixture(GROUP, "unencodable", 10, writer -> new Cards(writer, codec(broken)));
        database = fixture.database;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aValueThatCannotBeEncodedParksItsEventAndTheOthersAreWritten() {
        EventTape tape = new EventTape(Instant.parse("2026-06-01T01:00:00Z"))
                .customer("c1", registered("c1", "杭州阿里巴巴网络技术有限公司", "华东"))
                .customer("c2", registered("c2", "毒药测试有限公司", "华东"))
                .customer("c2", changed("c2", "深圳毒药科技有限公司", "华南"))
                .customer("c3", registered("c3", "Emma Wilson Trading Ltd", "华北"))
                .customer("c1", changed("c1", "阿里巴巴（中国）有限公司", "华东"));
        fixture.publishAndAwait(tape.events());

        assertThat(fixture.name(CARDS, "c1")).isEqualTo("阿里巴巴（中国）有限公司");
        assertThat(fixture.name(CARDS, "c3")).isEqualTo("Emma Wilson Trading Ltd");
        assertThat(database.getCollection(CARDS).find(Filters.eq("_id", "c2")).first()).isNull();
        List<Document> parked = fixture.letters();
        assertThat(parked).extracting(d -> d.getString("eventType"))
                .containsExactly(CustomerRegistered.class.getName(), CustomerProfileChanged.class.getName());
        assertThat(parked.get(0).get("cause", Document.class).getString("message")).contains("cannot encode 毒 yet");
        assertThat(parked.get(1).get("cause")).as("queued behind, not failed itself").isNull();
        assertThat(fixture.skipped.count(GROUP)).as("parked, not skipped").isZero();

        // retried before the fix: stays parked, one attempt more
        assertThat(fixture.deadLetterProcessor().processAny()).isFalse();
        assertThat(fixture.letters()).hasSize(2);
        assertThat(fixture.letters().get(0).getInteger(MongoDeadLetterQueue.ATTEMPTS)).isEqualTo(2);

        broken.set(false);
        assertThat(fixture.deadLetterProcessor().processAny()).isTrue();
        assertThat(fixture.letters()).isEmpty();
        assertThat(fixture.name(CARDS, "c2")).as("both applied, in order").isEqualTo("深圳毒药科技有限公司");
        assertThat(database.getCollection(CARDS).find(Filters.eq("_id", "c2")).first().getString("region")).isEqualTo("华南");

        // later events of c2 apply directly again, in batches encoded at write time
        tape.customer("c2", changed("c2", "广州毒药贸易集团", "华南"));
        fixture.publishAndAwait(tape.events().subList(5, 6));
        assertThat(fixture.letters()).isEmpty();
        assertThat(fixture.name(CARDS, "c2")).isEqualTo("广州毒药贸易集团");
    }

    /** A folded card: customer name and region, and the position of the last event applied to it. */
    record Card(String id, String name, String region, long appliedPosition) {
    }

    /** Encodes a card, except one whose name holds 毒 while {@code broken} (a codec bug met only by some content). */
    static ViewCodec<Card> codec(AtomicBoolean broken) {
        return ViewCodec.of(
                document -> new Card(document.getString("_id"), document.getString("name"), document.getString("region"),
                        ViewWriter.appliedPosition(document)),
                card -> {
                    if (broken.get() && card.name().contains("毒")) {
                        throw new IllegalArgumentException("cannot encode 毒 yet");
                    }
                    return new Document("_id", card.id()).append("name", card.name()).append("region", card.region())
                            .append(ViewWriter.APPLIED_POSITION, card.appliedPosition());
                },
                card -> List.of("_id", "name", "region", ViewWriter.APPLIED_POSITION));
    }

    /** A projection that folds an immutable value and hands it to {@link ViewWriter#replace}, as the 360 view does. */
    @ProcessingGroup(GROUP)
    static final class Cards {
        private final ViewWriter writer;
        private final ViewCodec<Card> codec;

        Cards(ViewWriter writer, ViewCodec<Card> codec) {
            this.writer = writer;
            this.codec = codec;
        }

        @EventHandler
        void on(CustomerRegistered event, TrackingToken token) {
            writer.replace(CARDS, event.customerId(), token,
                    new Card(event.customerId(), event.profile().chineseName(), event.profile().region(), ViewWriter.position(token)), codec);
        }

        @EventHandler
        void on(CustomerProfileChanged event, TrackingToken token) {
            Card card = writer.decoded(CARDS, event.customerId(), codec);
            if (card != null) {
                writer.replace(CARDS, event.customerId(), token,
                        new Card(card.id(), event.profile().chineseName(), event.profile().region(), ViewWriter.position(token)), codec);
            }
        }
    }
}
