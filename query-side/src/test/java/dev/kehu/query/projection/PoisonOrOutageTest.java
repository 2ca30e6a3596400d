package dev.kehu.query.projection;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.query.customer360.Customer360Projection;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.EventTape;
import dev.kehu.query.history.ReadSide;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.SerializationException;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the read side tells an event's own fault from an outage: real failures of the MongoDB client and
 * of Java's value conversions, classified; an outage of MongoDB while events arrive is retried (nothing
 * skipped or parked, the views get the events once the server is back); a change that fails half-way leaves the
 * view document as it was.
 */
class PoisonOrOutageTest {

    @Test
    void valueConversionFailuresAreTheEventsAndClientFailuresAreTheInfrastructures() throws Exception {
        Throwable decimal = catching(() -> new Decimal128(new BigDecimal("1E+2147483647")));
        Throwable overflow = catching(() -> new BigDecimal("1E+30").longValueExact());
        Throwable date = catching(() -> LocalDate.of(2026, 2, 30));
        Throwable nil = catching(() -> ((String) null).length());
        assertThat(List.of(decimal, overflow, date, nil, new SerializationException("unreadable payload"),
                new ElasticsearchException("bulk", ErrorResponse.of(e -> e.status(400)
                        .error(ErrorCause.of(c -> c.type("mapper_parsing_exception").reason("failed to parse")))))))
                .allSatisfy(failure -> assertThat(ProjectionFailures.isInfrastructure(failure)).as(failure.toString()).isFalse());
        assertThat(date).isInstanceOf(DateTimeException.class);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Throwable mongoDown;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + closedPort + "/?serverSelectionTimeoutMS=300&connectTimeoutMS=300")) {
            mongoDown = catching(() -> client.getDatabase("kehu").getCollection("customer_360").find().first());
        }
        assertThat(List.of(mongoDown, new UncheckedIOException(new ConnectException("Connection refused")),
                new RuntimeException("wrapped", mongoDown),
                new ElasticsearchException("bulk", ErrorResponse.of(e -> e.status(503)
                        .error(ErrorCause.of(c -> c.type("unavailable_shards_exception").reason("primary shard is not active")))))))
                .allSatisfy(failure -> assertThat(ProjectionFailures.isInfrastructure(failure)).as(failure.toString()).isTrue());
    }

    @Test
    void aMongoDbOutageIsRetriedAndNothingIsSkippedOrParked() throws Exception {
        EmbeddedMongo mongo = new EmbeddedMongo(0, 500);
        int port = mongo.port();
        MongoDatabase database = mongo.database("outage");
        SkippedEvents skipped = new SkippedEvents(database, Clock.systemUTC());
        EmbeddedMongo restarted = null;
        EventTape tape = new EventTape(Instant.parse("2026-03-01T01:00:00Z"))
                .customer("c1", new CustomerRegistered("c1", CustomerKind.COMPANY, ReadSideSkipsWhatItCannotApplyTest.profile("北京京东世纪贸易有限公司", "北京办事处")))
                .customer("c2", new CustomerRegistered("c2", CustomerKind.INDIVIDUAL, ReadSideSkipsWhatItCannotApplyTest.profile("Emma Wilson", "Hong Kong Office")))
                .customer("c1", new AccountManagerAssigned("c1", "zhang.wei", null, "新客户分配"));
        try (ReadSide readSide = ReadSide.start(database, new InMemoryEventStorageEngine(), Clock.systemUTC(), 10, true, skipped)) {
            mongo.stopServer();
            readSide.publishLive(tape.events(), 0);
            Thread.sleep(2_500); // the processors fail and back off meanwhile
            restarted = new EmbeddedMongo(port, 500); // MongoDB is back (empty: the memory backend), same address
            readSide.awaitCaughtUp(Duration.ofSeconds(60));

            Document c1 = database.getCollection(Customer360Projection.COLLECTION).find(Filters.eq("_id", "c1")).first();
            assertThat(c1).as("the events that arrived during the outage are applied, not skipped").isNotNull();
            assertThat(c1.getString("accountManager")).isEqualTo("zhang.wei");
            assertThat(database.getCollection(Customer360Projection.COLLECTION).countDocuments()).isEqualTo(2);
            for (String group : ProjectionGroups.ALL) {
                assertThat(skipped.count(group)).as(group).isZero();
            }
            assertThat(database.getCollection(SkippedEvents.COLLECTION).countDocuments()).isZero();
            assertThat(database.getCollection(MongoDeadLetterQueue.COLLECTION).countDocuments()).as("an outage parks nothing").isZero();
        } finally {
            mongo.close();
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    @Test
    void aChangeThatFailsHalfWayLeavesTheDocumentAsItWas() {
        try (EmbeddedMongo mongo = new EmbeddedMongo()) {
            MongoDatabase database = mongo.database("half");
            ViewWriter writer = new ViewWriter(database);
            DefaultUnitOfWork<TrackedEventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(tracked(1));
            writer.upsert("half_applied", "d1", token(1), doc -> doc.append("count", 1).append("tags", new java.util.ArrayList<>(List.of("重点客户"))));
            assertThatThrownBy(() -> writer.update("half_applied", "d1", token(2), doc -> {
                doc.put("count", 99);
                doc.getList("tags", String.class).add("半途 half-way");
                throw new ArithmeticException("Overflow");
            })).isInstanceOf(ArithmeticException.class);
            writer.update("half_applied", "d1", token(3), doc -> doc.put("count", doc.getInteger("count") + 1));
            writer.batchOf(unitOfWork.root()).flush();
            unitOfWork.commit();

            Document stored = database.getCollection("half_applied").find(Filters.eq("_id", "d1")).first();
            assertThat(stored.getInteger("count")).isEqualTo(2);
            assertThat(stored.getList("tags", String.class)).containsExactly("重点客户");
            assertThat(stored.getLong(ViewWriter.APPLIED_POSITION)).isEqualTo(3);
        }
    }

    @Test
    void aViewDocumentMongoDbRefusesIsSkippedWithTheEventsThatChangedItAndTheOthersAreWritten() {
        try (EmbeddedMongo mongo = new EmbeddedMongo()) {
            MongoDatabase database = mongo.database("too_large");
            ViewWriter writer = new ViewWriter(database);
            DefaultUnitOfWork<TrackedEventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(tracked(5));
            writer.upsert("notes", "small-1", token(5), doc -> doc.put("note", "拜访顺利 visit went well"));
            // more than MongoDB's 16 MB per document: the driver refuses to send it
            writer.upsert("notes", "huge", token(5), doc -> doc.put("note", "长".repeat(6_000_000)));
            writer.upsert("notes", "small-2", token(5), doc -> doc.put("note", "😀 follow up next week"));
            java.util.List<String> refused = new java.util.ArrayList<>();
            int written = writer.batchOf(unitOfWork.root()).flush((collection, id, origins, cause) -> {
                refused.add(collection + "/" + id + " " + origins.size() + " " + ProjectionFailures.isInfrastructure(cause));
            });
            unitOfWork.commit();

            assertThat(written).isEqualTo(2);
            assertThat(refused).containsExactly("notes/huge 1 false");
            assertThat(database.getCollection("notes").find(Filters.eq("_id", "small-2")).first().getString("note"))
                    .isEqualTo("😀 follow up next week");
            assertThat(database.getCollection("notes").find(Filters.eq("_id", "huge")).first()).isNull();
        }
    }

    private static GlobalSequenceTrackingToken token(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private static TrackedEventMessage<?> tracked(long position) {
        return new GenericTrackedEventMessage<>(token(position), GenericEventMessage.asEventMessage(Map.of("n", position)));
    }

    private static Throwable catching(Runnable action) {
        try {
            action.run();
        } catch (Throwable failure) {
            return failure;
        }
        throw new AssertionError("expected a failure");
    }
}
