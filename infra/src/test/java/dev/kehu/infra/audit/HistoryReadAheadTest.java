package dev.kehu.infra.audit;

import static dev.kehu.infra.audit.AuditStore.event;
import static dev.kehu.infra.audit.AuditStore.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.events.Money;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerRegistered;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Set;

/**
 * Pages of a long history whose reads go past what the page first expected: a filter that matches few events, and a
 * page deep into the history (its "before" values need the fold from sequence 0). {@link AuditLog} reads
 * {@code limit + 1} events ahead for a page; these pages must read on beyond that.
 */
class HistoryReadAheadTest {

    @RegisterExtension
    static final FreshAuditStore audit = new FreshAuditStore();
    private static final int EVENTS = 121;

    private AuditStore store;

    /** 上海宝钢: registered, then 120 credit limits of (seq × 1,000).00 CNY; every tenth one set by 李娜, the rest by bob. */
    @BeforeEach
    void writeALongHistory() {
        store = audit.store();
        store.commit(event("Customer", "c-baosteel", 0, new CustomerRegistered("c-baosteel", CustomerKind.COMPANY,
                AuditStore.company("上海宝钢国际贸易有限公司", "Baosteel International Trading", "91310000132200821H",
                        "上海")), metadata("bob", "建档 onboarding", "corr-0")));
        for (int seq = 1; seq < EVENTS; seq++) {
            store.commit(event("Customer", "c-baosteel", seq, new CreditLimitSet("c-baosteel",
                    Money.of(seq + "000.00", "CNY"), null), metadata(seq % 10 == 0 ? "李娜" : "bob",
                    "授信调整 limit review", "corr-" + seq)));
        }
    }

    @Test
    void aFilteredPageReadsOnUntilItHasItsEntries() {
        HistoryFilter byLiNa = new HistoryFilter(null, null, Set.of(), "李娜");

        History.Page page = store.history.page(AuditedAggregate.CUSTOMER, "c-baosteel", byLiNa, 0, 5);

        assertThat(page.entries()).extracting(HistoryEntry::seq).containsExactly(10L, 20L, 30L, 40L, 50L);
        assertThat(page.entries()).extracting(HistoryEntry::actor).containsOnly("李娜");
        assertThat(page.nextCursor()).isEqualTo("60");
        assertThat(page.entries().get(0).changes()).containsExactly(
                new Change("creditLimit", "9,000.00 CNY", "10,000.00 CNY"));
    }

    @Test
    void aPageDeepIntoTheHistoryShowsBeforeValuesFromTheFold() {
        History.Page page = store.history.page(AuditedAggregate.CUSTOMER, "c-baosteel", HistoryFilter.ALL, 100, 10);

        assertThat(page.entries()).extracting(HistoryEntry::seq)
                .containsExactly(100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L);
        assertThat(page.nextCursor()).isEqualTo("110");
        assertThat(page.entries().get(0).changes()).containsExactly(
                new Change("creditLimit", "99,000.00 CNY", "100,000.00 CNY"));
    }

    @Test
    void theLastPageHasNoCursorAndTheFirstStopsAtItsLimit() {
        History.Page first = store.history.page(AuditedAggregate.CUSTOMER, "c-baosteel", HistoryFilter.ALL, 0, 50);
        History.Page last = store.history.page(AuditedAggregate.CUSTOMER, "c-baosteel", HistoryFilter.ALL, 100, 50);

        assertThat(first.entries()).hasSize(50);
        assertThat(first.nextCursor()).isEqualTo("50");
        assertThat(last.entries()).extracting(HistoryEntry::seq).startsWith(100L).endsWith(120L).hasSize(21);
        assertThat(last.nextCursor()).isNull();
        assertThat(List.of(first.aggregateType(), first.aggregateId())).containsExactly("Customer", "c-baosteel");
    }
}
