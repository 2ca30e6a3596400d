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
import dev.kehu.events.opportunity.OpportunityOpened;
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
    void creditExposureCountsOpenDealsReservationsAndUnpaidInvoicesAgainstTheLimit() {
        EventTape tape = new EventTape(START)
                .customer("c1", new CustomerRegistered("c1", CustomerKind.COMPANY, profile("北京华润水务设备有限公司", "Beijing Huarun Water")))
                .customer("c1", new AccountManagerAssigned("c1", "zhang.wei", null, "新客户分配"))
                .customer("c1", new CreditLimitSet("c1", cny("100000"), null))
                .opportunity("o1", opened("o1", "c1", "80000"))
                .opportunity("o2", opened("o2", "c1", "90000"));
        apply(tape);
        Document credit = credit("c1");
        assertThat(Docs.amount(credit.get("exposure", Document.class).get("openDeals"))).isEqualByComparingTo("170000");
        assertThat(credit.get("exposure", Document.class).getBoolean("overLimit")).isTrue();

        tape.opportunity("o1", new OpportunityWon("o1", "c1", Stage.NEGOTIATION, cny("80000")))
                .customer("c1", new CreditReserved("c1", "o1", cny("80000")))
                .customer("c1", new InvoiceRecorded("c1", "INV-1", cny("50000"), LocalDate.of(2026, 3, 5), LocalDate.of(2026, 4, 4), "SO-1", "o1"))
                .customer("c1", new PaymentRecorded("c1", "PAY-1", "INV-1", cny("20000"), LocalDate.of(2026, 3, 20)));
        apply(tape);

        Document exposure = credit("c1").get("exposure", Document.class);
        assertThat(Docs.amount(exposure.get("openDeals"))).isEqualByComparingTo("90000");
        assertThat(Docs.amount(exposure.get("reserved"))).isEqualByComparingTo("0");
        assertThat(Docs.amount(exposure.get("unpaidInvoices"))).isEqualByComparingTo("30000");
        assertThat(Docs.amount(exposure.get("total"))).isEqualByComparingTo("120000");
        assertThat(Docs.amount(exposure.get("available"))).isEqualByComparingTo("-20000");
        assertThat(exposure.getBoolean("overLimit")).isTrue();
        Document view = database.getCollection(Customer360Projection.COLLECTION).find(Filters.eq("_id", "c1")).first();
        assertThat(view.getList("openOpportunities", Document.class)).extracting(o -> o.getString("opportunityId")).containsExactly("o2");
        assertThat(view.getString("accountManager")).isEqualTo("zhang.wei");
        assertThat(view.getLong("appliedPosition")).isEqualTo(tape.events().size() - 1);
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
