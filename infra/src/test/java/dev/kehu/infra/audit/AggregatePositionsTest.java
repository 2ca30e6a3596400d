package dev.kehu.infra.audit;

import static dev.kehu.infra.audit.AuditStore.event;
import static dev.kehu.infra.audit.AuditStore.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.kehu.events.Money;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.infra.eventstore.EventStoreSettings;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A long history is read by the unique key once; its positions are remembered ({@link AggregatePositions}) and the
 * next reading fetches the events by position. Whatever happened to the log since, a history read from remembered
 * positions equals the one read by key (the positions are a cache, never the truth).
 */
class AggregatePositionsTest {

    @RegisterExtension
    static final FreshAuditStore audit = new FreshAuditStore();
    private static final String ID = "c-长江";
    private static final int EVENTS = 150;

    private AuditStore store;
    private MongoClient countingClient;
    private final AtomicInteger readsByKey = new AtomicInteger();
    /** A second reader on the same database whose reads by the unique key are counted. */
    private AuditLog countedLog;

    /** 长江电力 / Yangtze Power: registered, then 149 credit limits of (seq × 1,000).00 CNY, each its own commit. */
    @BeforeEach
    void writeALongHistory() {
        store = audit.store();
        store.commit(event("Customer", ID, 0, new CustomerRegistered(ID, CustomerKind.COMPANY,
                AuditStore.company("长江电力股份有限公司", "China Yangtze Power", "91420000711865983Q", "湖北")),
                metadata("王芳", "建档 onboarding", "corr-0")));
        for (int seq = 1; seq < EVENTS; seq++) {
            store.commit(event("Customer", ID, seq, new CreditLimitSet(ID, Money.of(seq + "000.00", "CNY"), null),
                    metadata(seq % 2 == 0 ? "alice" : "王芳", "授信调整 limit review", "corr-" + seq)));
        }
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                BsonDocument command = event.getCommand();
                if (!event.getCommandName().equals("find") || !command.isDocument("filter")) {
                    return;
                }
                BsonDocument filter = command.getDocument("filter");
                if (filter.containsKey("aggregateId") && filter.isDocument("seq")) {
                    BsonDocument range = filter.getDocument("seq"); // a window: one per sequence number asked
                    readsByKey.addAndGet((int) (range.getNumber("$lt").longValue() - range.getNumber("$gte").longValue()));
                } else if (filter.containsKey("aggregateId")) {
                    readsByKey.incrementAndGet(); // a point read by (aggregateId, seq)
                }
            }
        };
        countingClient = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(audit.uri())).addCommandListener(counter).build());
        countedLog = new AuditLog(countingClient.getDatabase(store.database.getName()), EventStoreSettings.defaults());
    }

    @AfterEach
    void close() {
        countedLog.close();
        countingClient.close();
    }

    @Test
    void theSecondReadingOfALongHistoryReadsByKeyOnlyTheEnd() {
        List<HistoryEntry> first = export(new History(countedLog));
        int firstReads = readsByKey.getAndSet(0);
        List<HistoryEntry> second = export(new History(countedLog));

        assertThat(firstReads).isGreaterThanOrEqualTo(EVENTS);
        assertThat(readsByKey.get()).isEqualTo(1); // is there an event after the remembered ones?
        assertThat(second).isEqualTo(first).hasSize(EVENTS);
        assertThat(second.get(149).changes()).containsExactly(new Change("creditLimit", "148,000.00 CNY",
                "149,000.00 CNY"));
        BsonDocument block = positions().find(new BsonDocument("_id", new BsonString(ID + "#0"))).first();
        assertThat(block.getArray("positions")).hasSize(EVENTS);
        assertThat(block.getArray("positions").get(7).asNumber().longValue()).isEqualTo(first.get(7).position());
    }

    @Test
    void aPageOfARememberedHistoryReadsOnlyByPosition() {
        export(new History(countedLog));
        readsByKey.set(0);

        History.Page page = new History(countedLog).page(AuditedAggregate.CUSTOMER, ID, HistoryFilter.ALL, 0, 50);

        assertThat(readsByKey.get()).isZero();
        assertThat(page.entries()).extracting(HistoryEntry::seq).startsWith(0L, 1L).endsWith(49L);
        assertThat(page.nextCursor()).isEqualTo("50");
    }

    @Test
    void eventsAppendedSinceAreReadByKeyAndRemembered() {
        export(store.history);
        for (int seq = EVENTS; seq < EVENTS + 40; seq++) {
            store.commit(event("Customer", ID, seq, new CreditLimitSet(ID, Money.of(seq + "000.00", "CNY"), null),
                    metadata("bob", "授信调整 limit review", "corr-" + seq)));
        }

        List<HistoryEntry> grown = export(new History(countedLog));

        assertThat(grown).extracting(HistoryEntry::seq).hasSize(EVENTS + 40).endsWith((long) EVENTS + 39);
        assertThat(readsByKey.get()).isBetween(41, 41 + 100); // the new ones, the one that finds the end, a window read ahead
        assertThat(positions().find(new BsonDocument("_id", new BsonString(ID + "#0"))).first()
                .getArray("positions")).hasSize(EVENTS + 40);
    }

    @Test
    void aDeletedEventEndsTheHistoryAsAReadByKeyDoes() {
        List<HistoryEntry> before = export(store.history);
        store.events().deleteOne(new BsonDocument("_id", new BsonInt64(before.get(100).position())));

        List<HistoryEntry> remembered = export(store.history);
        positions().drop();
        List<HistoryEntry> byKey = export(new History(countedLog));

        assertThat(remembered).isEqualTo(byKey).hasSize(100);
    }

    @Test
    void anEventMovedToAnotherPositionIsFoundByKey() {
        List<HistoryEntry> before = export(store.history);
        MongoCollection<BsonDocument> events = store.events();
        BsonDocument moved = events.findOneAndDelete(new BsonDocument("_id", new BsonInt64(before.get(60).position())));
        moved.put("_id", new BsonInt64(1_000_000)); // a commit of its own there
        moved.put("commitFirst", new BsonInt64(1_000_000));
        moved.put("commitLast", new BsonInt64(1_000_000));
        events.insertOne(moved);

        List<HistoryEntry> remembered = export(store.history);
        positions().drop();
        List<HistoryEntry> byKey = export(new History(countedLog));

        assertThat(remembered).isEqualTo(byKey).hasSize(EVENTS);
        assertThat(remembered.get(60).position()).isEqualTo(1_000_000);
        assertThat(remembered.subList(61, EVENTS)).isEqualTo(before.subList(61, EVENTS));
    }

    @Test
    void anIncompleteCommitEndsARememberedHistoryAsItDoesByKey() {
        for (int seq = EVENTS; seq < EVENTS + 40; seq++) { // commits of two events, 长江's first
            store.commit(event("Customer", ID, seq, new CreditLimitSet(ID, Money.of(seq + "000.00", "CNY"), null),
                            metadata("carol", "年度授信 annual review", "corr-" + seq)),
                    event("Customer", "c-黄河", seq - EVENTS, seq == EVENTS
                            ? new CustomerRegistered("c-黄河", CustomerKind.COMPANY, AuditStore.company(
                            "黄河水电有限公司", "Yellow River Hydropower", "91630000710400000X", "青海"))
                            : new CreditLimitSet("c-黄河", Money.of(seq + "00.00", "CNY"), null),
                            metadata("carol", "年度授信 annual review", "corr-" + seq)));
        }
        List<HistoryEntry> before = export(store.history);
        long lastOfCommit = before.get(170).position() + 1; // 黄河's event closes the commit of 长江's event 170
        store.events().deleteOne(new BsonDocument("_id", new BsonInt64(lastOfCommit)));

        List<HistoryEntry> remembered = export(new History(countedLog)); // a reader that saw no commit complete yet
        int readsByPosition = readsByKey.getAndSet(0);
        positions().drop();
        List<HistoryEntry> byKey;
        try (AuditLog fresh = new AuditLog(store.database, EventStoreSettings.defaults())) {
            byKey = export(new History(fresh));
        }

        assertThat(before).hasSize(EVENTS + 40);
        assertThat(readsByPosition).isZero();
        assertThat(remembered).isEqualTo(byKey).hasSize(170);
    }

    private MongoCollection<BsonDocument> positions() {
        return store.database.getCollection("auditPositions", BsonDocument.class);
    }

    private static List<HistoryEntry> export(History history) {
        List<HistoryEntry> entries = new ArrayList<>();
        history.stream(AuditedAggregate.CUSTOMER, ID, HistoryFilter.ALL, 0, entries::add);
        return entries;
    }
}
