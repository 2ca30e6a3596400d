package dev.kehu.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import dev.kehu.infra.embedded.store.LogFile;

import de.bwaldvogel.mongo.MongoServer;

/** The H2 backend of the embedded server answers only with data that is on disk, sharing syncs between requests. */
class DurableH2BackendTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void anAcknowledgedWriteIsAlreadyInTheFile() throws Exception {
        EmbeddedMongoServer server = EmbeddedMongoServer.onFile(dir, 0);
        open.add(server);
        MongoCollection<Document> customers = client(server.connectionString()).getDatabase("kehu").getCollection("customers");

        customers.insertOne(new Document("_id", "c-1").append("name", "上海明珠贸易有限公司"));

        // a copy of the file as it is right after the reply (the server keeps running) holds the customer
        String copy = open.serveACopyOf(dir.resolve("kehu.mv"), dir);
        Document found = client(copy).getDatabase("kehu")
                .getCollection("customers").find(new Document("_id", "c-1")).first();
        assertThat(found).isNotNull();
        assertThat(found.getString("name")).isEqualTo("上海明珠贸易有限公司");
    }

    @Test
    void concurrentWritesShareSyncs() throws Exception {
        DurableH2Backend backend = backend(sync -> {
            sleep(5); // a slow disk: writes arriving meanwhile wait for the next sync together
            sync.run();
        });
        MongoCollection<Document> contacts = client(bind(backend)).getDatabase("kehu").getCollection("contacts");
        contacts.insertOne(new Document("_id", "warm-up"));
        long syncsBefore = backend.syncs();
        int writers = 8;
        int writesPerWriter = 25;
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int w = writer;
            done.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < writesPerWriter; i++) {
                    contacts.insertOne(new Document("_id", w + "-" + i).append("name", i % 2 == 0 ? "王芳" : "Grace Miller"));
                }
            }, runnable -> new Thread(runnable).start()));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        int writes = writers * writesPerWriter;
        long syncs = backend.syncs() - syncsBefore;
        assertThat(contacts.countDocuments()).isEqualTo(writes + 1);
        assertThat(syncs).isPositive().isLessThan(writes / 2);
    }

    @Test
    void aReaderIsNotAnsweredWithAWriteBeforeItIsOnDisk() throws Exception {
        HeldSync sync = new HeldSync();
        MongoCollection<Document> writer = sync.collection("customers");
        MongoCollection<Document> reader = sync.collection("customers");
        writer.insertOne(new Document("_id", "c-0").append("name", "Northwind Traders"));
        sync.held.set(true);

        CompletableFuture<Void> write = CompletableFuture.runAsync(
                () -> writer.insertOne(new Document("_id", "c-1").append("name", "北京华联科技")));
        assertThat(sync.syncing.await(5, TimeUnit.SECONDS)).isTrue();
        // the write is in the server's memory, its sync is under way: a reader may see it only once it is on disk
        CompletableFuture<Document> read = CompletableFuture.supplyAsync(
                () -> reader.find(new Document("_id", "c-1")).first());
        Thread.sleep(500);
        assertThat(read).isNotDone();
        assertThat(write).isNotDone();

        sync.diskDone.countDown();
        assertThat(read.get(5, TimeUnit.SECONDS).getString("name")).isEqualTo("北京华联科技");
        write.get(5, TimeUnit.SECONDS);
    }

    @Test
    void anUnjournaledWriteIsAnsweredWhileItsRoundSyncsButNoReaderSeesItBefore() throws Exception {
        HeldSync sync = new HeldSync();
        MongoCollection<Document> claims = sync.collection("claims");
        MongoCollection<Document> reader = sync.collection("claims");
        claims.insertOne(new Document("_id", "warm-up"));
        sync.held.set(true);

        // a claim sent with j:false is answered with no round at all, even while a round's sync hangs
        claims.withWriteConcern(com.mongodb.WriteConcern.W1.withJournal(false))
                .insertOne(new Document("_id", "credit:91310000").append("owner", "上海明珠贸易"));
        CompletableFuture<Void> append = CompletableFuture.runAsync(
                () -> claims.insertOne(new Document("_id", "event-1").append("owner", "Northwind Traders")));
        assertThat(sync.syncing.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Document> read = CompletableFuture.supplyAsync(
                () -> reader.find(new Document("_id", "credit:91310000")).first());
        Thread.sleep(300);
        assertThat(append).isNotDone(); // the ordinary write waits for the round that covers both
        assertThat(read).isNotDone(); // and so does a reader of the unjournaled one

        sync.diskDone.countDown();
        append.get(5, TimeUnit.SECONDS);
        assertThat(read.get(5, TimeUnit.SECONDS).getString("owner")).isEqualTo("上海明珠贸易");
    }

    @Test
    void aFileGrownByRewritesShrinksOnceIdleWithEveryLatestVersionKept() throws Exception {
        EmbeddedMongoServer server = EmbeddedMongoServer.onFile(dir, 0);
        open.add(server);
        MongoCollection<Document> views = client(server.connectionString()).getDatabase("kehu").getCollection("views");
        java.util.Random random = new java.util.Random(5);
        String alphabet = "成都上海北京明珠贸易华联科技地址abcdefghijklmnopqrstuvwxyz";
        StringBuilder padding = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            padding.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        Path file = dir.resolve("kehu.mv");
        long peak = 0;
        for (int round = 0; round < 30; round++) {
            for (int customer = 0; customer < 100; customer++) {
                views.replaceOne(new Document("_id", "c-" + customer), new Document("round", round)
                        .append("padding", padding + "-" + round), new com.mongodb.client.model.ReplaceOptions().upsert(true));
            }
            peak = Math.max(peak, Files.size(file));
        }

        // shrunk to half its peak, or to at most 4 MB (smaller files are left as they are)
        long goal = Math.max(peak / 2, 4L * 1024 * 1024);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (Files.size(file) > goal && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(Files.size(file)).as("shrunk from a peak of %d bytes", peak).isLessThanOrEqualTo(goal);
        assertThat(views.countDocuments()).isEqualTo(100);
        assertThat(views.find(new Document("_id", "c-42")).first().getString("padding")).isEqualTo(padding + "-29");
    }

    @Test
    void readsWithNothingUnsyncedNeitherWaitNorSync() throws Exception {
        DurableH2Backend backend = backend(Runnable::run);
        MongoCollection<Document> customers = client(bind(backend)).getDatabase("kehu").getCollection("customers");
        customers.insertOne(new Document("_id", "c-1").append("name", "Contoso Ltd"));
        long syncs = backend.syncs();

        for (int i = 0; i < 50; i++) {
            assertThat(customers.find(new Document("_id", "c-1")).first()).isNotNull();
        }

        assertThat(backend.syncs()).isEqualTo(syncs);
    }

    private DurableH2Backend backend(Consumer<Runnable> sync) {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("kehu.mv").toString())
                .autoCommitDisabled().autoCommitBufferSize(0).open();
        return new DurableH2Backend(store, LogFile.of(dir.resolve("kehu.mv")), sync);
    }

    private String bind(DurableH2Backend backend) {
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, 32);
        open.add(server::shutdownNow);
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    private MongoClient client(String uri) {
        return open.client(uri);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A sync that, once {@code held} is set, says it started ({@code syncing}) and waits for {@code diskDone}. */
    /** A served backend whose syncs, once {@code held} is set, wait for {@code diskDone} (and say so by {@code syncing}). */
    private final class HeldSync {
        final CountDownLatch syncing = new CountDownLatch(1);
        final CountDownLatch diskDone = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean();
        final String uri = bind(DurableH2BackendTest.this.backend(sync -> {
            if (held.get()) {
                syncing.countDown();
                await(diskDone);
            }
            sync.run();
        }));

        /** The collection through a client of its own: a writer and a reader take one each. */
        MongoCollection<Document> collection(String name) {
            return client(uri).getDatabase("kehu").getCollection(name);
        }
    }
}
