package dev.kehu.infra.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.embedded.OpenResources;

/**
 * Finds answered with the stored bytes ({@link StoredFind}, {@link StoredReplyEncoder}) return exactly what
 * mongo-java-server's own path returns: every query runs on Kehu's durable store and on the stock memory backend with
 * the same documents, and the two answers must be equal document for document, value types included. The queries the
 * stored path should take are counted, so a change that quietly sends them the stock way fails too.
 */
class StoredFindTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void storedBytesAnswerExactlyAsTheStockPath() {
        MongoCollection<Document> ours = events(open.add(EmbeddedMongoServer.onFile(dir.resolve("data"), 0)));
        MongoCollection<Document> stock = events(open.add(EmbeddedMongoServer.inMemory()));

        // taken by the stored path: an index answers them, no projection, one batch
        List<Function<MongoCollection<Document>, FindIterable<Document>>> stored = List.of(
                c -> c.find(new Document("_id", 17L)),
                c -> c.find(new Document("_id", 17)).limit(1),
                c -> c.find(new Document("_id", 999L)),
                c -> c.find(Filters.in("_id", List.of(40L, 3L, 999L, 12L))),
                c -> c.find(new Document("aggregateId", "客户-4")
                        .append("seq", new Document("$gte", 2).append("$lt", 7))),
                c -> c.find(new Document("aggregateId", "客户-4").append("seq", new Document("$gt", 2L)))
                        .sort(Sorts.ascending("seq")),
                c -> c.find(new Document("aggregateId", "Acme 7").append("seq", new Document("$lte", 4))).skip(1)
                        .limit(2),
                c -> c.find(new Document("eventId", "e-21")),
                c -> c.find(new Document("aggregateId", "客户-4").append("seq", 4L)));
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            sizes.add(sameAnswers(stored.get(i), ours, stock, 1, "stored query " + i).size());
        }
        assertThat(sizes).as("documents found by each stored query").containsExactly(1, 1, 0, 3, 5, 5, 2, 1, 1);

        // a regex on a one-field unique index: stored bytes after matching each document; in key order here, in the
        // memory backend's own order there (MongoDB promises no order without a sort)
        long before = StoredFind.ANSWERED.sum();
        List<Document> matched = all(ours.find(Filters.regex("eventId", "^e-2")));
        assertThat(StoredFind.ANSWERED.sum() - before).isEqualTo(1);
        assertThat(matched).hasSize(11).containsExactlyInAnyOrderElementsOf(
                all(stock.find(Filters.regex("eventId", "^e-2"))));

        // left to the stock path: a projection, no index (also an _id with another condition), a sort not the
        // index's, more than one batch
        List<Function<MongoCollection<Document>, FindIterable<Document>>> elsewhere = List.of(
                c -> c.find(new Document("_id", 17L)).projection(new Document("name", 1)),
                c -> c.find(new Document("city", "成都")),
                c -> c.find(new Document("_id", 18L).append("city", "成都")),
                c -> c.find(Filters.and(Filters.eq("_id", 18L), Filters.eq("city", "成都"))),
                c -> c.find(Filters.and(Filters.eq("_id", 19L), Filters.eq("city", "成都"))),
                c -> c.find(Filters.and(Filters.gte("_id", 30L), Filters.lt("_id", 36L), Filters.eq("city", "成都"))),
                c -> c.find(new Document("aggregateId", "客户-4").append("seq", new Document("$gte", 0)))
                        .sort(Sorts.descending("seq")),
                c -> c.find(new Document("aggregateId", "客户-4").append("seq", new Document("$gte", 0)))
                        .batchSize(2));
        for (int i = 0; i < elsewhere.size(); i++) {
            sameAnswers(elsewhere.get(i), ours, stock, 0, "stock query " + i);
        }
        assertThat(all(ours.find(new Document("aggregateId", "客户-4").append("seq", new Document("$gte", 0)))))
                .hasSize(8);
    }

    /** Runs {@code query} on both servers: equal answers, and {@code storedFinds} of them answered with stored bytes. */
    private static List<Document> sameAnswers(Function<MongoCollection<Document>, FindIterable<Document>> query,
                                              MongoCollection<Document> ours, MongoCollection<Document> stock,
                                              int storedFinds, String name) {
        long before = StoredFind.ANSWERED.sum();
        List<Document> answer = all(query.apply(ours));
        assertThat(StoredFind.ANSWERED.sum() - before).as(name + ": finds answered with stored bytes")
                .isEqualTo(storedFinds);
        assertThat(answer).as(name).isEqualTo(all(query.apply(stock)));
        return answer;
    }

    private MongoCollection<Document> events(EmbeddedMongoServer server) {
        MongoCollection<Document> events = open.client(server.connectionString()).getDatabase("kehu")
                .getCollection("events");
        events.createIndex(Indexes.ascending("aggregateId", "seq"), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("eventId"), new IndexOptions().unique(true).sparse(true));
        List<Document> documents = new ArrayList<>();
        for (long id = 1; id <= 80; id++) {
            String aggregate = id % 2 == 0 ? "客户-" + (id % 10) : "Acme " + (id % 10);
            documents.add(new Document("_id", id).append("aggregateId", aggregate).append("seq", id / 10)
                    .append("eventId", "e-" + id)
                    .append("city", id % 3 == 0 ? "成都" : "Hamburg")
                    .append("payload", new Document("name", id % 2 == 0 ? "成都火锅连锁 " + id : "Acme Trading " + id)
                            .append("amount", new Decimal128(new BigDecimal(id + "00.50")))
                            .append("lines", List.of(new Document("sku", "茶-" + id), id, 2.5, true))
                            .append("none", null))
                    .append("timestamp", new Date(1_765_000_000_000L + id)));
        }
        events.insertMany(documents);
        return events;
    }

    private static List<Document> all(FindIterable<Document> found) {
        return found.into(new ArrayList<>());
    }
}
