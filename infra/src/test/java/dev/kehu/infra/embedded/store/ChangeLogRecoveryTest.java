package dev.kehu.infra.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoCollection;

import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.embedded.OpenResources;

/**
 * The store's change log ({@link LogFile}) at start-up, the way a crash leaves it: whole rounds of the store's
 * generation are replayed ({@link StoreFile#recover}), a torn or damaged round ends the replay (it was never
 * answered), and rounds left from before the last checkpoint are never replayed over the newer store.
 */
class ChangeLogRecoveryTest {

    private static final String CUSTOMERS = "kehu.customers";

    @TempDir
    Path dir;

    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void roundsAfterTheLastCheckpointAreReplayedAndTheServerServesThem() throws Exception {
        Path file = dir.resolve("kehu.mv");
        crashAfterRounds(file, "上海明珠贸易有限公司", "Contoso Ltd");

        assertThat(StoreFile.recover(file)).isEqualTo(2);

        assertThat(names(file)).containsExactly("上海明珠贸易有限公司", "Contoso Ltd");
        EmbeddedMongoServer server = open.add(EmbeddedMongoServer.onFile(dir, 0));
        MongoCollection<Document> customers = open.client(server.connectionString()).getDatabase("kehu")
                .getCollection("customers");
        customers.insertOne(new Document("_id", "c-3").append("name", "成都华联科技"));
        assertThat(customers.find(new Document("_id", "c-1")).first()).isNotNull();
    }

    @Test
    void aTornLastRoundIsDroppedAndTheRoundsBeforeItAreKept() throws Exception {
        Path file = dir.resolve("kehu.mv");
        List<Long> ends = crashAfterRounds(file, "上海明珠贸易有限公司", "Contoso Ltd", "成都华联科技");
        // the third round's second half never reached the disk: zeros, as in the file's grown part
        long tornFrom = (ends.get(1) + ends.get(2)) / 2;
        overwrite(LogFile.of(file), tornFrom, new byte[(int) (ends.get(2) - tornFrom)]);

        assertThat(StoreFile.recover(file)).isEqualTo(2);

        assertThat(names(file)).containsExactly("上海明珠贸易有限公司", "Contoso Ltd");
    }

    @Test
    void aDamagedRoundEndsTheReplay() throws Exception {
        Path file = dir.resolve("kehu.mv");
        List<Long> ends = crashAfterRounds(file, "上海明珠贸易有限公司", "Contoso Ltd", "成都华联科技");
        overwrite(LogFile.of(file), ends.get(1) - 3, new byte[]{'X'}); // one byte of the second round's payload

        assertThat(StoreFile.recover(file)).isEqualTo(1);

        assertThat(names(file)).containsExactly("上海明珠贸易有限公司");
    }

    @Test
    void roundsFromBeforeTheLastCheckpointAreNeverReplayed() throws Exception {
        Path file = dir.resolve("kehu.mv");
        try (Writer writer = new Writer(file)) {
            writer.round("c-1", "old name");
            writer.round("c-2", "old name"); // same length: its block would follow the next generation's first one
            writer.checkpoint();
            writer.round("c-2", "new name"); // written at offset 0 over the first block; c-2's old block stays after it
            writer.crash();
        }

        assertThat(StoreFile.recover(file)).isEqualTo(1);

        assertThat(names(file)).containsExactly("old name", "new name");
    }

    @Test
    void aLogWithoutItsStoreIsDeleted() throws Exception {
        Path file = dir.resolve("kehu.mv");
        crashAfterRounds(file, "Contoso Ltd");
        java.nio.file.Files.delete(file);

        assertThat(StoreFile.recover(file)).isZero();

        assertThat(LogFile.of(file)).doesNotExist();
    }

    @Test
    void aNewStoreNeverTakesTheRoundsOfAnOldLog() throws Exception {
        Path file = dir.resolve("kehu.mv");
        crashAfterRounds(file, "上海明珠贸易有限公司", "Contoso Ltd");
        java.nio.file.Files.delete(file); // the store is reset, its log left behind

        EmbeddedMongoServer server = open.add(EmbeddedMongoServer.onFile(dir, 0));
        open.client(server.connectionString()).getDatabase("kehu").runCommand(new Document("ping", 1));

        // the new store's first generation is the old log's too: a crash now must not bring the old rounds back
        Path copy = java.nio.file.Files.createTempDirectory(dir, "crash").resolve("kehu.mv");
        java.nio.file.Files.copy(LogFile.of(file), LogFile.of(copy));
        java.nio.file.Files.copy(file, copy);
        assertThat(StoreFile.recover(copy)).isZero();
        assertThat(names(copy)).isEmpty();
    }

    /** One round per name (customers c-1, c-2, …), then a crash; returns where each round ends in the log. */
    private static List<Long> crashAfterRounds(Path file, String... names) {
        try (Writer writer = new Writer(file)) {
            for (int i = 0; i < names.length; i++) {
                writer.round("c-" + (i + 1), names[i]);
            }
            writer.crash();
            return writer.ends;
        }
    }

    private static List<String> names(Path file) {
        try (MVStore store = StoreFile.builder(file).open()) {
            MVMap<Object, byte[]> customers = new StoreMaps(store).data(CUSTOMERS);
            List<String> names = new ArrayList<>();
            customers.values().forEach(bytes -> names.add((String) BsonBytes.decode(bytes).get("name")));
            return names;
        }
    }

    private static void overwrite(Path file, long at, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), at);
        }
    }

    /** Writes rounds as the durable wrapper does (change, take, append, sync), then stops as a crash would. */
    private static final class Writer implements AutoCloseable {
        final MVStore store;
        final ChangeLog changes = ChangeLog.recording();
        final StoreMaps maps;
        final MVMap<Object, byte[]> customers;
        final List<Long> ends = new ArrayList<>();
        LogFile log;

        Writer(Path file) {
            store = StoreFile.builder(file).open();
            maps = new StoreMaps(store, changes);
            customers = maps.data(CUSTOMERS);
            long generation = StoreFile.checkpoint(store);
            store.sync();
            log = LogFile.open(LogFile.of(file), generation);
        }

        void round(String id, String name) {
            byte[] bytes = BsonBytes.encode(new de.bwaldvogel.mongo.bson.Document("_id", id).append("name", name));
            customers.put(id, bytes);
            changes.put(customers, id, bytes);
            log.append(changes.take());
            log.sync();
            ends.add(log.size());
        }

        void checkpoint() {
            changes.take();
            long next = StoreFile.checkpoint(store);
            store.sync();
            log.restart(next);
        }

        void crash() {
            log.close();
            store.closeImmediately(); // nothing committed after the last checkpoint
        }

        @Override
        public void close() {
            if (!store.isClosed()) {
                crash();
            }
        }
    }
}
