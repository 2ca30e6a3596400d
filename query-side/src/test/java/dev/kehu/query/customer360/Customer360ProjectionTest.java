package dev.kehu.query.customer360;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.Money;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.events.opportunity.Stage;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.EventTape;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ViewWriter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Customer360ProjectionTest {

    static final Instant START = Instant.parse("2026-03-01T01:00:00Z");

    EmbeddedMongo mongo;
    MongoDatabase database;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        database = mongo.database("c360");
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void creditExposureIsWhatTheWinRuleCountsWithOpenDealsBesideIt() {
        EventTape tape = new EventTape(START)
                .customer("c1", new CustomerRegistered("c1", CustomerKind.COMPANY, profile("北京华润水务设备有限公司", "Beijing Huarun Water")))
                .customer("c1", new AccountManagerAssigned("c1", "zhang.wei", null, "新客户分配"))
                .customer("c1", new CreditLimitSet("c1", cny("100000"), null))
                .opportunity("o1", opened("o1", "c1", "80000"))
                .opportunity("o2", opened("o2", "c1", "90000"))
                .opportunity("o3", new OpportunityOpened("o3", "c1", "Water meters for the Shenzhen plant", new Money(new BigDecimal("5000"), "USD"),
                        LocalDate.of(2026, 7, 31), "web", "li.na", OpportunityPriority.NORMAL, Stage.LEAD, 10));
        apply(tape);
        Map<String, Object> before = exposure("c1", TODAY);
        assertThat((BigDecimal) before.get("openDeals")).as("open deals in the credit currency only").isEqualByComparingTo("170000");
        assertThat(before.get("openDealsInOtherCurrencies")).isEqualTo(1);
        assertThat((BigDecimal) before.get("exposure")).as("open deals are not exposure").isEqualByComparingTo("0");
        assertThat(before.get("overLimit")).as("the rule would let these deals be won up to the limit").isEqualTo(false);
        assertThat((BigDecimal) before.get("exposureIfOpenDealsWon")).isEqualByComparingTo("170000");

        tape.opportunity("o1", new OpportunityWon("o1", "c1", Stage.NEGOTIATION, cny("80000")))
                .customer("c1", new CreditReserved("c1", "o1", cny("80000")))
                .customer("c1", new InvoiceRecorded("c1", "INV-1", cny("50000"), LocalDate.of(2026, 3, 5), LocalDate.of(2026, 4, 4), "SO-1", "o1"))
                .customer("c1", new PaymentRecorded("c1", "PAY-1", "INV-1", cny("20000"), LocalDate.of(2026, 3, 20)));
        apply(tape);

        Map<String, Object> exposure = exposure("c1", TODAY);
        assertThat((BigDecimal) exposure.get("openDeals")).isEqualByComparingTo("90000");
        assertThat((BigDecimal) exposure.get("reserved")).as("an invoice for 50,000 of the 80,000 deal leaves 30,000 reserved")
                .isEqualByComparingTo("30000");
        assertThat((BigDecimal) exposure.get("unpaidInvoices")).isEqualByComparingTo("30000");
        assertThat((BigDecimal) exposure.get("exposure")).isEqualByComparingTo("60000");
        assertThat((BigDecimal) exposure.get("available")).isEqualByComparingTo("40000");
        assertThat(exposure.get("overLimit")).isEqualTo(false);
        assertThat((BigDecimal) exposure.get("overdueInvoices")).as("due 2026-04-04, today %s", TODAY).isEqualByComparingTo("0");
        assertThat((BigDecimal) exposure("c1", LocalDate.of(2026, 4, 5)).get("overdueInvoices"))
                .as("unpaid past its due date: overdue without any event").isEqualByComparingTo("30000");
        Document view = database.getCollection(Customer360Projection.COLLECTION).find(Filters.eq("_id", "c1")).first();
        assertThat(view.getList("openOpportunities", Document.class)).extracting(o -> o.getString("opportunityId")).containsExactly("o2", "o3");
        assertThat(view.getList("recentlyClosedOpportunities", Document.class)).singleElement()
                .satisfies(closed -> assertThat(closed.getString("opportunityId")).isEqualTo("o1"))
                .satisfies(closed -> assertThat(closed.getString("status")).isEqualTo("WON"));
        assertThat(view.getString("accountManager")).isEqualTo("zhang.wei");
        assertThat(view.getLong("appliedPosition")).isEqualTo(tape.events().size() - 1);

        tape.opportunity("o2", new OpportunityLost("o2", Stage.PROPOSAL, "价格 price", "竞争对手甲"))
                .opportunity("o1", new OpportunityReopened("o1", Stage.WON, Stage.NEGOTIATION, 80, true, "客户追加 scope change"));
        apply(tape);
        view = database.getCollection(Customer360Projection.COLLECTION).find(Filters.eq("_id", "c1")).first();
        assertThat(view.getList("recentlyClosedOpportunities", Document.class)).as("lost shown, reopened gone")
                .extracting(o -> o.getString("opportunityId") + " " + o.getString("status")).containsExactly("o2 LOST");
    }

    @Test
    void aCustomerWithoutALimitIsOverItWithAnyExposureAndCannotReserve() {
        EventTape tape = new EventTape(START)
                .customer("c3", new CustomerRegistered("c3", CustomerKind.COMPANY, profile("Acme Trading Ltd", "Acme Trading")))
                .customer("c3", new InvoiceRecorded("c3", "INV-9", cny("1200"), LocalDate.of(2026, 3, 5), null, "SO-9", null));
        apply(tape);
        Map<String, Object> exposure = exposure("c3", TODAY);
        assertThat(exposure.get("limitSet")).isEqualTo(false);
        assertThat((BigDecimal) exposure.get("creditLimit")).isEqualByComparingTo("0");
        assertThat((BigDecimal) exposure.get("available")).isEqualByComparingTo("-1200");
        assertThat(exposure.get("overLimit")).isEqualTo(true);
        assertThat(exposure.get("canReserveCredit")).isEqualTo(false);
        assertThat((BigDecimal) exposure.get("overdueInvoices")).as("no due date and not reported overdue").isEqualByComparingTo("0");
    }

    @Test
    void twelveMonthSpendIsTheRollingWindowOnTheDayAskedBelowSilverToo() {
        EventTape tape = new EventTape(START)
                .customer("c4", new CustomerRegistered("c4", CustomerKind.INDIVIDUAL, profile("王芳", "Wang Fang")))
                .customer("c4", new OrderRecorded("c4", "SO-41", cny("300"), LocalDate.of(2025, 3, 2)))
                .customer("c4", new OrderRecorded("c4", "SO-42", cny("200"), LocalDate.of(2025, 3, 3)))
                .customer("c4", new OrderRecorded("c4", "SO-43", cny("50.50"), LocalDate.of(2026, 3, 1)))
                .customer("c4", new OrderRecorded("c4", "SO-44", new Money(new BigDecimal("999"), "USD"), LocalDate.of(2026, 3, 1)));
        apply(tape);
        Document view = database.getCollection(Customer360Projection.COLLECTION).find(Filters.eq("_id", "c4")).first();
        assertThat(spend(view, LocalDate.of(2026, 3, 2))).as("2025-03-03 … 2026-03-02").isEqualByComparingTo("250.50");
        assertThat(spend(view, LocalDate.of(2026, 3, 3))).as("2025-03-04 … 2026-03-03").isEqualByComparingTo("50.50");
        assertThat(spend(view, LocalDate.of(2026, 2, 28))).as("an order after the day asked does not count yet")
                .isEqualByComparingTo("500");
        assertThat(Customer360Figures.answered(view, TODAY, "CNY")).doesNotContainKey("spendByDay");
    }

    static final LocalDate TODAY = LocalDate.of(2026, 3, 25);

    private Map<String, Object> exposure(String customerId, LocalDate today) {
        Document view = database.getCollection(Customer360Projection.COLLECTION).find(Filters.eq("_id", customerId)).first();
        Document answered = Customer360Figures.answered(view, today, "CNY");
        return answered.get("credit", Document.class).get("exposure", Document.class);
    }

    private static BigDecimal spend(Document view, LocalDate today) {
        return (BigDecimal) Customer360Figures.twelveMonthSpend(view, today, "CNY").get("amount");
    }

    @Test
    void anEventAtOrBelowTheAppliedPositionChangesNothing() {
        EventTape tape = new EventTape(START)
                .customer("c2", new CustomerRegistered("c2", CustomerKind.INDIVIDUAL, profile("王芳", null)))
                .customer("c2", new AccountManagerAssigned("c2", "li.na", null, "新客户分配"))
                .customer("c2", new AccountManagerAssigned("c2", "wang.fang", "li.na", "调岗 territory change"));
        apply(tape);
        ViewWriter writer = new ViewWriter(database);
        boolean changed = writer.update(Customer360Projection.COLLECTION, "c2", tape.events().get(1).trackingToken(),
                doc -> doc.put("accountManager", "someone.else"));
        Document view = database.getCollection(Customer360Projection.COLLECTION).find(Filters.eq("_id", "c2")).first();
        assertThat(changed).isFalse();
        assertThat(view.getString("accountManager")).isEqualTo("wang.fang");
        assertThat(view.getList("assignmentHistory", Document.class)).hasSize(2);
    }

    private void apply(EventTape tape) {
        ViewWriter writer = new ViewWriter(database);
        ProjectionPositions positions = new ProjectionPositions(database, () -> null, Clock.systemUTC());
        ReadSide.redeliver(positions, writer, Map.of(ProjectionGroups.CUSTOMER_360, List.of(new Customer360Projection(writer))),
                tape.events(), 3);
    }

    private Document credit(String customerId) {
        return database.getCollection(Customer360Projection.COLLECTION).find(Filters.eq("_id", customerId)).first()
                .get("credit", Document.class);
    }

    static OpportunityOpened opened(String id, String customerId, String amount) {
        return new OpportunityOpened(id, customerId, "净水设备采购项目", cny(amount), LocalDate.of(2026, 6, 30), "展会", "zhang.wei",
                OpportunityPriority.KEY, Stage.LEAD, 10);
    }

    static CustomerProfile profile(String chineseName, String latinName) {
        return new CustomerProfile(chineseName, latinName, null, null, null, "水务设备", "北京办事处", "business", "展会",
                List.of("重点客户"), List.of(), Map.of(), null);
    }

    static Money cny(String amount) {
        return new Money(new BigDecimal(amount), "CNY");
    }
}
