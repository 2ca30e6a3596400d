package dev.kehu.infra.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.embedded.OpenResources;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The embedded server's store, through a real server on a file ({@link EmbeddedMongoServer#onFile}, the durable
 * default) and the real driver: range scans, point and {@code $in} reads, the unique index, view updates, restarts,
 * the file right after a reply, conversion of an old H2 file, and compaction at start-up.
 */
class StoreBackendTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void idRangesReturnExactlyTheirDocumentsInIdOrderBatchByBatch() {
        MongoCollection<Document> events = collection(start(), "events");
        List<Long> ids = new ArrayList<>(LongStream.rangeClosed(1, 600).boxed().toList());
        Collections.shuffle(ids, new Random(7));
        List<Document> documents = new ArrayList<>();
        for (long id : ids) {
            documents.add(event(id));
            if (documents.size() == 50) {
                events.insertMany(documents);
                documents.clear();
            }
        }

        assertThat(ids(events.find(Filters.gt("_id", 100L)).batchSize(7))).isEqualTo(range(101, 600));
        assertThat(ids(events.find(new Document("_id", new Document("$gte", 250L).append("$lt", 260L)))
                .sort(Sorts.ascending("_id")).batchSize(3))).isEqualTo(range(250, 259));
        assertThat(ids(events.find(new Document("_id", new Document("$gt", 10).append("$lte", 20))).batchSize(4)))
                .as("an int bound against long keys").isEqualTo(range(11, 20));
        assertThat(ids(events.find(Filters.lt("_id", 5L)))).isEqualTo(range(1, 4));
        assertThat(ids(events.find(Filters.gt("_id", 590L)).sort(Sorts.descending("_id")).batchSize(2)))
                .isEqualTo(List.of(600L, 599L, 598L, 597L, 596L, 595L, 594L, 593L, 592L, 591L));
        assertThat(ids(events.find(Filters.gt("_id", 100L)).skip(5).limit(3).batchSize(2)))
                .isEqualTo(List.of(106L, 107L, 108L));
        assertThat(ids(events.find(new Document("_id", new Document("$gt", 0L)).append("city", "成都")).batchSize(10)))
                .as("other conditions still apply inside the range")
                .isEqualTo(LongStream.rangeClosed(1, 600).filter(id -> id % 3 == 0).boxed().toList());
        Document projected = events.find(Filters.gte("_id", 42L)).projection(new Document("seq", 1)).batchSize(1)
                .first();
        assertThat(projected).isEqualTo(new Document("_id", 42L).append("seq", 42L));
        assertThat(events.countDocuments(Filters.gt("_id", 500L))).isEqualTo(100);
        assertThat(ids(events.find(Filters.gt("_id", "a")))).as("no string ids: MongoDB compares like types").isEmpty();
    }

    @Test
    void aLazyCursorReadsDocumentsWrittenAfterItsFirstBatchAndSkipsRemovedOnes() {
        MongoCollection<Document> events = collection(start(), "events");
        for (long id = 1; id <= 20; id++) {
            events.insertOne(event(id));
        }
        try (MongoCursor<Document> cursor = events.find(Filters.gt("_id", 0L)).batchSize(5).iterator()) {
            List<Long> seen = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                seen.add(cursor.next().getLong("_id"));
            }
            events.deleteOne(Filters.eq("_id", 12L));
            events.insertOne(event(21));
            cursor.forEachRemaining(document -> seen.add(document.getLong("_id")));
            List<Long> expected = new ArrayList<>(range(1, 21));
            expected.remove(Long.valueOf(12));
            assertThat(seen).isEqualTo(expected);
        }
    }

    @Test
    void pointAndInReadsFindEveryStoredIdAndNothingElse() {
        MongoCollection<Document> events = collection(start(), "events");
        for (long id = 1; id <= 300; id++) {
            events.insertOne(event(id));
        }
        assertThat(events.find(Filters.eq("_id", 77L)).first().getString("name")).isEqualTo(name(77));
        assertThat(events.find(new Document("_id", 77)).first()).as("an int finds the long id").isNotNull();
        assertThat(events.find(Filters.eq("_id", 301L)).first()).isNull();
        assertThat(ids(events.find(Filters.in("_id", List.of(250L, 3L, 999L, 120L, 3L))).batchSize(10)))
                .containsExactlyInAnyOrder(3L, 120L, 250L);
        assertThatThrownBy(() -> events.insertOne(event(77))).isInstanceOf(MongoWriteException.class)
                .hasMessageContaining("E11000");
        assertThat(events.find(Filters.eq("_id", null)).first()).isNull();
        events.insertOne(new Document("_id", null).append("name", "无编号 no id"));
        assertThat(events.find(Filters.eq("_id", null)).first().getString("name")).isEqualTo("无编号 no id");
        assertThat(events.countDocuments(Filters.gt("_id", 0L))).isEqualTo(300);
    }

    @Test
    void theCompoundUniqueIndexFindsFullKeysAndRefusesDuplicatesAlsoAfterARestart() {
        EmbeddedMongoServer server = start();
        MongoCollection<Document> events = collection(server, "events");
        events.createIndex(Indexes.ascending("aggregateId", "seq"), new IndexOptions().unique(true));
        for (long id = 1; id <= 200; id++) {
            events.insertOne(event(id));
        }
        assertThat(events.find(new Document("aggregateId", "客户-" + (123 % 10)).append("seq", 123L)).first()
                .getLong("_id")).isEqualTo(123L);
        assertThatThrownBy(() -> events.insertOne(new Document("_id", 999L).append("aggregateId", "客户-3")
                .append("seq", 123L))).hasMessageContaining("E11000");

        server.close();
        open.remove(server);
        MongoCollection<Document> reopened = collection(start(), "events");
        assertThat(reopened.find(new Document("aggregateId", "客户-7").append("seq", 57L)).first().getLong("_id"))
                .isEqualTo(57L);
        assertThat(reopened.find(new Document("aggregateId", "客户-7").append("seq", 58L)).first()).isNull();
        assertThatThrownBy(() -> reopened.insertOne(new Document("_id", 999L).append("aggregateId", "客户-3")
                .append("seq", 123L))).hasMessageContaining("E11000");
        reopened.insertOne(new Document("_id", 999L).append("aggregateId", "客户-3").append("seq", 1000L));
        assertThat(reopened.countDocuments()).isEqualTo(201);
    }

    @Test
    void aRangeOnTheLastFieldOfTheCompoundUniqueIndexReadsExactlyItsKeysInOrder() {
        MongoCollection<Document> events = collection(start(), "events");
        events.createIndex(Indexes.ascending("aggregateId", "seq"), new IndexOptions().unique(true));
        for (long id = 1; id <= 300; id++) {
            events.insertOne(event(id)); // 客户-0 … 客户-9, seq = id
        }
        events.insertOne(new Document("_id", 1000L).append("aggregateId", "客户-3").append("seq", "not a number"));

        assertThat(ids(events.find(new Document("aggregateId", "客户-3").append("seq",
                new Document("$gte", 100L).append("$lt", 160L))))).isEqualTo(List.of(103L, 113L, 123L, 133L, 143L, 153L));
        assertThat(ids(events.find(new Document("aggregateId", "客户-3").append("seq",
                new Document("$gt", 103).append("$lte", 133))))).as("int bounds, exclusive below, inclusive above")
                .isEqualTo(List.of(113L, 123L, 133L));
        assertThat(ids(events.find(new Document("aggregateId", "客户-9").append("seq", new Document("$gte", 280L)))))
                .isEqualTo(List.of(289L, 299L));
        assertThat(ids(events.find(new Document("aggregateId", "客户-3").append("seq", new Document("$lt", 20L)))))
                .isEqualTo(List.of(3L, 13L));
        assertThat(ids(events.find(new Document("aggregateId", "nobody 无人").append("seq", new Document("$gte", 0L)))))
                .isEmpty();

    }

    @Test
    void theRangeIsWalkedOnTheIndexKeysAlone() {
        try (org.h2.mvstore.MVStore memory = org.h2.mvstore.MVStore.open(null)) {
            org.h2.mvstore.MVMap<de.bwaldvogel.mongo.backend.KeyValue, Object> index = memory.openMap("index",
                    new org.h2.mvstore.MVMap.Builder<de.bwaldvogel.mongo.backend.KeyValue, Object>()
                            .keyType(IndexKeyType.INSTANCE));
            for (long seq = 0; seq < 50; seq++) {
                index.put(new de.bwaldvogel.mongo.backend.KeyValue("订单-A", seq), 1000 + seq);
                index.put(new de.bwaldvogel.mongo.backend.KeyValue("order-B", seq), 2000 + seq);
            }
            UniqueIndexRange range = UniqueIndexRange.of(new de.bwaldvogel.mongo.bson.Document("aggregateId", "订单-A")
                    .append("seq", new de.bwaldvogel.mongo.bson.Document("$gte", 45L).append("$lt", 64L)),
                    List.of("aggregateId", "seq"));

            assertThat(range.positions(index)).containsExactly(1045L, 1046L, 1047L, 1048L, 1049L);
            assertThat(UniqueIndexRange.of(new de.bwaldvogel.mongo.bson.Document("aggregateId", "订单-A")
                    .append("seq", new de.bwaldvogel.mongo.bson.Document("$in", List.of(1L))),
                    List.of("aggregateId", "seq"))).as("not a range: left to the stock index").isNull();
        }
    }

    @Test
    void viewDocumentsAreUpsertedUpdatedReplacedAndDeletedDurably() throws Exception {
        EmbeddedMongoServer server = start();
        MongoCollection<Document> views = collection(server, "customer_view");
        views.updateOne(Filters.eq("_id", "c-1"), Updates.combine(Updates.set("name", "上海明珠贸易有限公司"),
                Updates.inc("version", 1)), new UpdateOptions().upsert(true));
        views.updateOne(Filters.eq("_id", "c-1"), Updates.inc("version", 1));
        views.replaceOne(Filters.eq("_id", "c-2"), new Document("name", "Northwind Traders").append("version", 1),
                new ReplaceOptions().upsert(true));
        views.insertOne(new Document("_id", "c-3").append("name", "北京华联科技"));
        views.deleteOne(Filters.eq("_id", "c-3"));
        Document updated = views.findOneAndUpdate(Filters.eq("_id", "c-2"), Updates.set("city", "Hamburg"));
        assertThat(updated.getString("name")).isEqualTo("Northwind Traders");

        // the file as it is right after the last reply (the server keeps running) holds every change
        String copy = open.serveACopyOf(dir.resolve("data").resolve("kehu.mv"), dir);
        MongoCollection<Document> copied = client(copy)
                .getDatabase("kehu").getCollection("customer_view");
        assertThat(copied.find(Filters.eq("_id", "c-1")).first())
                .isEqualTo(new Document("_id", "c-1").append("name", "上海明珠贸易有限公司").append("version", 2));
        assertThat(copied.find(Filters.eq("_id", "c-2")).first()).isEqualTo(new Document("_id", "c-2")
                .append("name", "Northwind Traders").append("version", 1).append("city", "Hamburg"));
        assertThat(copied.find(Filters.eq("_id", "c-3")).first()).isNull();
        assertThat(copied.countDocuments()).isEqualTo(2);
    }

    @Test
    void aFileOfTheOldH2BackendIsConvertedWithItsIndexes() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        MongoServer old = new MongoServer(new H2Backend(data.resolve("kehu.mv").toString()));
        InetSocketAddress address = old.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> events = client.getDatabase("kehu").getCollection("events");
            events.createIndex(Indexes.ascending("aggregateId", "seq"), new IndexOptions().unique(true));
            for (long id = 1; id <= 50; id++) {
                events.insertOne(event(id));
            }
            client.getDatabase("kehu").getCollection("tokens").insertOne(new Document("_id", "processor/0")
                    .append("owner", "节点-1"));
        }
        old.shutdownNow(); // closes the MVStore, which writes everything

        EmbeddedMongoServer server = start();
        MongoCollection<Document> events = collection(server, "events");
        assertThat(ids(events.find(Filters.gt("_id", 40L)).batchSize(3))).isEqualTo(range(41, 50));
        assertThat(events.find(new Document("aggregateId", "客户-5").append("seq", 25L)).first().getString("name"))
                .isEqualTo(name(25));
        assertThatThrownBy(() -> events.insertOne(new Document("_id", 51L).append("aggregateId", "客户-5")
                .append("seq", 25L))).hasMessageContaining("E11000");
        assertThat(collection(server, "tokens").find(Filters.eq("_id", "processor/0")).first().getString("owner"))
                .isEqualTo("节点-1");
    }

    @Test
    void aFileMostlyOfOldVersionsIsCompactedAtStartUpWithEveryLatestVersionKept() throws Exception {
        // written as a store without running compaction left it (the durable server now compacts while running):
        // a commit per write, dead chunks kept for MVStore's default 45 s
        Path file = dir.resolve("data").resolve("kehu.mv");
        Files.createDirectories(file.getParent());
        org.h2.mvstore.MVStore raw = StoreFile.builder(file).open();
        de.bwaldvogel.mongo.MongoServer plain = new de.bwaldvogel.mongo.MongoServer(new StoreBackend(raw));
        java.net.InetSocketAddress address = plain.bind();
        MongoCollection<Document> views = client("mongodb://127.0.0.1:" + address.getPort()).getDatabase("kehu")
                .getCollection("customer_view");
        Random random = new Random(11);
        String alphabet = "成都上海北京明珠贸易华联科技地址abcdefghijklmnopqrstuvwxyz";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String padding = text.toString(); // not compressible to nothing: the file must grow with old versions
        int rounds = 25;
        for (int round = 0; round < rounds; round++) {
            for (int customer = 0; customer < 100; customer++) {
                views.replaceOne(Filters.eq("_id", "c-" + customer), new Document("round", round)
                        .append("padding", padding + round + "-" + customer), new ReplaceOptions().upsert(true));
                raw.commit();
            }
        }
        plain.shutdownNow(); // closes the store
        long before = Files.size(file);

        MongoCollection<Document> reopened = collection(start(), "customer_view");
        long after = Files.size(file);
        assertThat(after).as("compacted from %d bytes", before).isLessThan(before / 2);
        assertThat(reopened.countDocuments()).isEqualTo(100);
        for (int customer = 0; customer < 100; customer += 7) {
            assertThat(reopened.find(Filters.eq("_id", "c-" + customer)).first().getString("padding"))
                    .isEqualTo(padding + (rounds - 1) + "-" + customer);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private EmbeddedMongoServer start() {
        EmbeddedMongoServer server = EmbeddedMongoServer.onFile(dir.resolve("data"), 0);
        open.add(server);
        return server;
    }

    private MongoCollection<Document> collection(EmbeddedMongoServer server, String name) {
        return client(server.connectionString()).getDatabase("kehu").getCollection(name);
    }

    private MongoClient client(String uri) {
        return open.client(uri);
    }

    private static Document event(long id) {
        return new Document("_id", id).append("aggregateId", "客户-" + (id % 10)).append("seq", id)
                .append("name", name(id)).append("city", id % 3 == 0 ? "成都" : "Hamburg");
    }

    private static String name(long id) {
        return id % 2 == 0 ? "成都火锅连锁 " + id : "Acme Trading " + id;
    }

    private static List<Long> ids(Iterable<Document> documents) {
        List<Long> ids = new ArrayList<>();
        documents.forEach(document -> ids.add(document.getLong("_id")));
        return ids;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
