package dev.kehu.infra.audit;

import static dev.kehu.infra.audit.AuditStore.event;
import static dev.kehu.infra.audit.AuditStore.metadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kehu.events.Money;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.events.opportunity.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Histories read from events the real engine wrote, on the embedded MongoDB-wire server. */
class HistoryTest {

    @RegisterExtension
    static final FreshAuditStore audit = new FreshAuditStore();

    private AuditStore store;

    @BeforeEach
    void writeTheLog() {
        store = audit.store();
        store.commit(event("Customer", "c-jd", 0, new CustomerRegistered("c-jd", CustomerKind.COMPANY,
                AuditStore.company("北京京东世纪贸易有限公司", "Beijing Jingdong Century Trading Co., Ltd.",
                        "91110302562134916R", "北京")), metadata("张伟", "展会获客", "corr-register")));
        store.commit(event("Customer", "c-jd", 1, new CreditLimitSet("c-jd", Money.of("500000.00", "CNY"), null),
                metadata("李娜", "年度授信 annual credit review", "corr-limit-1")));
        store.commit(event("Customer", "c-jd", 2, new CreditLimitSet("c-jd", Money.of("800000.00", "CNY"),
                Money.of("500000.00", "CNY")), metadata("alice", "Q3 review", "corr-limit-2")));
        store.commit(event("Opportunity", "o-1", 0, new OpportunityOpened("o-1", "c-jd", "仓储系统 warehouse system",
                Money.of("1200000.00", "CNY"), LocalDate.of(2027, 3, 31), "referral", "张伟",
                OpportunityPriority.NORMAL, Stage.PROPOSAL, 40), metadata("张伟", "新商机", "corr-open")));
        store.commit(event("Opportunity", "o-1", 1, new OpportunityStageChanged("o-1", Stage.PROPOSAL, Stage.BIDDING,
                60, "客户发标 tender published", false, false), metadata("张伟", "客户发标", "corr-stage")));
        // the win and the credit reservation are one commit over two aggregates
        store.commit(event("Opportunity", "o-1", 2, new OpportunityWon("o-1", "c-jd", Stage.BIDDING,
                        Money.of("1200000.00", "CNY")), metadata("张伟", "中标", "corr-win")),
                event("Customer", "c-jd", 3, new CreditReserved("c-jd", "o-1", Money.of("1200000.00", "CNY")),
                        metadata("张伟", "中标", "corr-win")));
        store.commit(event("Customer", "c-acme", 0, new CustomerRegistered("c-acme", CustomerKind.COMPANY,
                AuditStore.company(null, "Acme Trading", "91310000MA1FL0XXXX", "上海")),
                metadata("bob", "trade fair", "corr-acme")));
        store.commit(event("Customer", "c-acme", 1, new CustomerMerged("c-acme", "c-jd"),
                        metadata("李娜", "重复客户 duplicate", "corr-merge")),
                event("Customer", "c-jd", 4, new DuplicateCustomerAbsorbed("c-jd", "c-acme", List.of(), List.of(),
                        List.of(), List.of()), metadata("李娜", "重复客户 duplicate", "corr-merge")));
    }

    @Test
    void listsEveryEventInOrderWithWhoWhyAndTheCreditLimitBeforeAndAfter() {
        History.Page page = store.history.page(AuditedAggregate.CUSTOMER, "c-jd", HistoryFilter.ALL, 0, 50);

        assertThat(page.entries()).extracting(HistoryEntry::seq).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(page.entries()).extracting(HistoryEntry::type).containsExactly("CustomerRegistered",
                "CreditLimitSet", "CreditLimitSet", "CreditReserved", "DuplicateCustomerAbsorbed");
        assertThat(page.entries()).extracting(HistoryEntry::position).isSorted().doesNotHaveDuplicates();
        assertThat(page.nextCursor()).isNull();
        HistoryEntry raised = page.entries().get(2);
        assertThat(raised.actor()).isEqualTo("alice");
        assertThat(raised.reason()).isEqualTo("Q3 review");
        assertThat(raised.correlationId()).isEqualTo("corr-limit-2");
        assertThat(raised.causationId()).startsWith("cmd-");
        assertThat(raised.changes()).containsExactly(new Change("creditLimit", "500,000.00 CNY", "800,000.00 CNY"));
        assertThat(page.entries().get(1).changes()).containsExactly(new Change("creditLimit", "", "500,000.00 CNY"));
        assertThat(page.entries().get(0).changes()).contains(
                new Change("profile.chineseName", "", "北京京东世纪贸易有限公司"),
                new Change("lifecycle", "", "PROSPECT"));
        assertThat(page.entries().get(0).actor()).isEqualTo("张伟");
    }

    @Test
    void namesStagesInChineseAndLinksTheCustomer() {
        History.Page page = store.history.page(AuditedAggregate.OPPORTUNITY, "o-1", HistoryFilter.ALL, 0, 50);

        assertThat(page.entries()).hasSize(3);
        assertThat(page.entries().get(1).changes()).contains(new Change("stage", "方案报价", "投标"),
                new Change("probability", "40", "60"));
        assertThat(page.entries().get(2).changes()).contains(new Change("stage", "投标", "赢单"));
        assertThat(page.entries().get(0).links()).containsEntry("customer", "/api/customers/c-jd/history");
    }

    @Test
    void showsTheMergeWithALinkToTheSurvivorAndTheSurvivorShowsWhatItAbsorbed() {
        History.Page merged = store.history.page(AuditedAggregate.CUSTOMER, "c-acme", HistoryFilter.ALL, 0, 50);
        HistoryEntry merge = merged.entries().get(1);
        assertThat(merge.type()).isEqualTo("CustomerMerged");
        assertThat(merge.changes()).containsExactly(new Change("mergedInto", "", "c-jd"));
        assertThat(merge.links()).containsEntry("survivor", "/api/customers/c-jd/history");

        HistoryEntry absorbed = store.history.page(AuditedAggregate.CUSTOMER, "c-jd", HistoryFilter.ALL, 4, 50)
                .entries().get(0);
        assertThat(absorbed.type()).isEqualTo("DuplicateCustomerAbsorbed");
        assertThat(absorbed.changes()).contains(new Change("duplicateId", "", "c-acme"));
        assertThat(absorbed.links()).containsEntry("duplicate", "/api/customers/c-acme/history");
    }

    @Test
    void pagesWithACursorAndKeepsBeforeValuesExactOnLaterPages() {
        History.Page first = store.history.page(AuditedAggregate.CUSTOMER, "c-jd", HistoryFilter.ALL, 0, 2);
        assertThat(first.entries()).extracting(HistoryEntry::seq).containsExactly(0L, 1L);
        assertThat(first.nextCursor()).isEqualTo("2");

        History.Page second = store.history.page(AuditedAggregate.CUSTOMER, "c-jd", HistoryFilter.ALL,
                Long.parseLong(first.nextCursor()), 2);
        assertThat(second.entries()).extracting(HistoryEntry::seq).containsExactly(2L, 3L);
        assertThat(second.entries().get(0).changes())
                .containsExactly(new Change("creditLimit", "500,000.00 CNY", "800,000.00 CNY"));
        assertThat(second.nextCursor()).isEqualTo("4");
    }

    @Test
    void filtersByActorTypeAndTime() {
        assertThat(store.history.page(AuditedAggregate.CUSTOMER, "c-jd",
                new HistoryFilter(null, null, Set.of(), "李娜"), 0, 50).entries())
                .extracting(HistoryEntry::seq).containsExactly(1L, 4L);
        assertThat(store.history.page(AuditedAggregate.CUSTOMER, "c-jd",
                new HistoryFilter(null, null, Set.of("dev.kehu.events.customer.CreditLimitSet"), null), 0, 50)
                .entries()).extracting(HistoryEntry::seq).containsExactly(1L, 2L);
        List<HistoryEntry> all = new ArrayList<>();
        store.history.stream(AuditedAggregate.CUSTOMER, "c-jd", HistoryFilter.ALL, 0, all::add);
        Instant third = all.get(2).timestamp();
        assertThat(store.history.page(AuditedAggregate.CUSTOMER, "c-jd",
                new HistoryFilter(third, null, Set.of("CreditLimitSet"), null), 0, 50).entries())
                .extracting(HistoryEntry::seq).containsExactly(2L);
        assertThat(store.history.page(AuditedAggregate.CUSTOMER, "c-jd",
                new HistoryFilter(null, Instant.EPOCH, Set.of(), null), 0, 50).entries()).isEmpty();
    }

    @Test
    void refusesUnknownIdsAndIdsOfTheOtherKind() {
        assertThatThrownBy(() -> store.history.page(AuditedAggregate.CUSTOMER, "no-such", HistoryFilter.ALL, 0, 5))
                .isInstanceOf(AggregateNotFound.class);
        assertThatThrownBy(() -> store.history.page(AuditedAggregate.CUSTOMER, "o-1", HistoryFilter.ALL, 0, 5))
                .isInstanceOf(AggregateNotFound.class);
    }

    @Test
    void showsWhatAProfileChangeChanged() {
        store.commit(event("Customer", "c-jd", 5, new CustomerProfileChanged("c-jd", AuditStore.company(
                "北京京东世纪贸易有限公司", "JD.com", "91110302562134916R", "华北 North China")),
                metadata("王芳", "更新档案", "corr-profile")));
        HistoryEntry changed = store.history.page(AuditedAggregate.CUSTOMER, "c-jd", HistoryFilter.ALL, 5, 5)
                .entries().get(0);
        assertThat(changed.changes()).containsExactlyInAnyOrder(
                new Change("profile.latinName", "Beijing Jingdong Century Trading Co., Ltd.", "JD.com"),
                new Change("profile.region", "北京", "华北 North China"));
    }
}
