package dev.kehu.infra.audit.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.infra.eventstore.MongoTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The bucketed actor and correlation indexes on the embedded MongoDB-wire server. */
class AuditIndexTest {

    private static final MongoTestServer server = new MongoTestServer();
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private AuditIndex index;
    private final List<IndexEntry> written = new ArrayList<>();

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void writeEntries() {
        index = new AuditIndex(server.newDatabase(), "");
        List<IndexEntry> batch = new ArrayList<>();
        for (int position = 1; position <= 700; position++) {
            String actor = position % 3 == 0 ? "alice" : "张伟";
            IndexEntry entry = new IndexEntry(position, "Customer", "c-" + (position % 40), position / 40,
                    "CreditLimitSet", T0.plusSeconds(position), actor, "corr-" + (position / 10));
            written.add(entry);
            batch.add(entry);
            if (batch.size() == 97) { // batches that do not line up with buckets
                index.append(batch);
                batch = new ArrayList<>();
            }
        }
        index.append(batch);
    }

    @Test
    void pagesThroughEverythingOneActorDidInLogOrder() {
        List<IndexEntry> expected = written.stream().filter(e -> e.actor().equals("张伟")).toList();
        List<IndexEntry> read = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AuditIndex.Page page = index.page(AuditIndex.ACTOR, "张伟", null, null, cursor, 50);
            read.addAll(page.entries());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(read).isEqualTo(expected);
        assertThat(pages).isEqualTo((expected.size() + 49) / 50);
    }

    @Test
    void filtersByTimeAndFindsTheFirstBucketByBisection() {
        Instant from = T0.plusSeconds(450);
        Instant to = T0.plusSeconds(500);
        AuditIndex.Page page = index.page(AuditIndex.ACTOR, "alice", from, to, null, 1000);
        assertThat(page.entries()).extracting(IndexEntry::position)
                .isEqualTo(written.stream().filter(e -> e.actor().equals("alice") && e.position() >= 450
                        && e.position() < 500).map(IndexEntry::position).toList());
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void listsEverythingOneRequestCaused() {
        AuditIndex.Page page = index.page(AuditIndex.CORRELATION, "corr-12", null, null, null, 50);
        assertThat(page.entries()).extracting(IndexEntry::position)
                .containsExactly(120L, 121L, 122L, 123L, 124L, 125L, 126L, 127L, 128L, 129L);
        assertThat(page.entries()).extracting(IndexEntry::actor).contains("alice", "张伟");
        assertThat(index.page(AuditIndex.CORRELATION, "corr-none", null, null, null, 50).entries()).isEmpty();
    }

    @Test
    void aBatchAppendedTwiceAfterACrashIsListedOnce() {
        index.append(written.subList(600, 700));
        List<IndexEntry> read = index.page(AuditIndex.ACTOR, "张伟", null, null, null, 1000).entries();
        assertThat(read).extracting(IndexEntry::position).doesNotHaveDuplicates().isSorted();
        assertThat(read).hasSize((int) written.stream().filter(e -> e.actor().equals("张伟")).count());
    }
}
