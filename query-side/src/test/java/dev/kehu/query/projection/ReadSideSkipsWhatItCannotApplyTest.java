package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.Money;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.service.ComplaintResolved;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.lifecycle.CustomerActivated;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.service.ReturnVisitRecorded;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.Stage;
import dev.kehu.query.customer360.Customer360Projection;
import dev.kehu.query.customerlist.CustomerListProjection;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.EventTape;
import dev.kehu.query.history.ExtremeHistory;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.pipeline.PipelineProjection;
import dev.kehu.query.risk.RiskProjection;
import dev.kehu.query.service.ServiceProjection;
import dev.kehu.query.value.ValueProjection;
import dev.kehu.query.worklist.WorklistProjection;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event-level checks of every MongoDB view against values an old store, an import or a bug can put
 * in the event log: a value a view cannot hold is stored as absent and the rest of the event and of
 * the history applies; an event a view cannot apply at all is parked in the group's dead-letter queue
 * with its type, position, aggregate and cause, and the processor goes on to the head of the log.
 */
class ReadSideSkipsWhatItCannotApplyTest {

    static final Instant START = Instant.parse("2026-03-01T01:00:00Z");
    static final Money HUGE = new Money(new BigDecimal("1E+2147483647"), "CNY");

    EmbeddedMongo mongo;
    MongoDatabase database;
    SkippedEvents skipped;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        database = mongo.database("poison");
        skipped = new SkippedEvents(database, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void theDrillsCreditLimitAndAnInvoiceWithoutDueDateLeaveEveryViewGoing() {
        EventTape tape = new EventTape(START)
                .customer("c1", new CustomerRegistered("c1", CustomerKind.COMPANY, profile("北京华润水务设备有限公司", "北京办事处")))
                .customer("c1", new AccountManagerAssigned("c1", "zhang.wei", null, "新客户分配"))
                .customer("c1", new CreditLimitSet("c1", HUGE, null))
                .customer("c1", new InvoiceRecorded("c1", "INV-1", cny("5000"), LocalDate.of(2026, 3, 5), null, "SO-1", null))
                .customer("c1", new OrderRecorded("c1", "SO-2", HUGE, LocalDate.of(2026, 3, 6)))
                .customer("c1", new OrderRecorded("c1", "SO-3", cny("800"), LocalDate.of(2026, 3, 7)))
                .customer("c1", new CustomerProfileChanged("c1", profile("北京华润水务集团", "上海办事处")));
        run(tape);

        Document c360 = find(Customer360Projection.COLLECTION, "c1");
        Document credit = c360.get("credit", Document.class);
        assertThat(credit.get("limit", Document.class).get("amount")).as("a limit Decimal128 cannot hold is absent").isNull();
        assertThat(credit.get("limit", Document.class).getString("currency")).isEqualTo("CNY");
        assertThat(c360.getList("invoices", Document.class)).singleElement()
                .satisfies(invoice -> assertThat(Docs.amount(invoice.get("outstanding"))).isEqualByComparingTo("5000"));
        assertThat(c360.getString("name")).isEqualTo("北京华润水务集团");
        Document risk = find(RiskProjection.COLLECTION, "c1");
        assertThat(risk.get("creditLimit", Document.class).get("amount")).isNull();
        assertThat(risk.getList("invoices", Document.class)).singleElement()
                .satisfies(invoice -> assertThat(invoice.getString("dueOn")).isNull());
        assertThat(risk.getString("region")).isEqualTo("上海办事处");
        Document value = find(ValueProjection.COLLECTION, "c1");
        assertThat(value.getList("orders", Document.class)).extracting(o -> o.get("amount"))
                .containsExactly(null, Docs.decimal(new BigDecimal("800")));
        Document list = find(CustomerListProjection.COLLECTION, "c1");
        assertThat(Docs.amount(list.get("spendByDay", Document.class).get("CNY", Document.class).get("2026-03-07")))
                .isEqualByComparingTo("800");
        for (String group : ProjectionGroups.ALL) {
            assertThat(skippedOrParked(group)).as(group + " had nothing to skip or park").isZero();
        }
    }

    @Test
    void anOpportunityWithoutAStageIsParkedWithItsCauseAndTheOthersApply() {
        EventTape tape = new EventTape(START)
                .customer("c1", new CustomerRegistered("c1", CustomerKind.COMPANY, profile("上海浦东发展银行", "上海办事处")))
                .customer("c1", new AccountManagerAssigned("c1", "li.na", null, "新客户分配"))
                .opportunity("o1", opened("o1", "c1", Stage.PROPOSAL, cny("80000")))
                .opportunity("o2", opened("o2", "c1", null, cny("90000")))
                .opportunity("o3", opened("o3", "c1", Stage.LEAD, HUGE))
                .opportunity("o1", new OpportunityAmountChanged("o1", cny("80000"), cny("60000")));
        List<TrackedEventMessage<?>> events = run(tape);

        assertThat(find(PipelineProjection.OPPORTUNITIES, "o2")).isNull();
        assertThat(Docs.amount(find(PipelineProjection.OPPORTUNITIES, "o1").get("amount"))).isEqualByComparingTo("60000");
        assertThat(find(PipelineProjection.OPPORTUNITIES, "o3").get("amount")).isNull();
        assertThat(find(PipelineProjection.OPPORTUNITIES, "o3").getString("stage")).isEqualTo("LEAD");
        assertThat(find(WorklistProjection.OPPORTUNITIES, "o1")).isNotNull();
        assertThat(find(Customer360Projection.COLLECTION, "c1").getList("openOpportunities", Document.class))
                .extracting(o -> o.getString("opportunityId")).containsExactlyInAnyOrder("o1", "o3");

        long position = events.get(3).trackingToken().position().orElseThrow();
        for (String group : List.of(ProjectionGroups.PIPELINE, ProjectionGroups.WORKLIST, ProjectionGroups.CUSTOMER_360)) {
            assertThat(DeadLetterQueues.count(database, group)).as(group).isEqualTo(1);
            Document record = database.getCollection(MongoDeadLetterQueue.COLLECTION).find(Filters.eq("processingGroup", group)).first();
            assertThat(record.getString("eventType")).isEqualTo(OpportunityOpened.class.getName());
            assertThat(record.getLong("position")).isEqualTo(position);
            assertThat(record.getString("aggregateId")).isEqualTo("o2");
            assertThat(record.getInteger(MongoDeadLetterQueue.ATTEMPTS)).isEqualTo(1);
            assertThat(record.get("cause", Document.class).getString("message")).contains("NullPointerException");
        }
        assertThat(skippedOrParked(ProjectionGroups.VALUE)).isZero();
    }

    @Test
    void extremeServiceAndWorklistValuesAreKeptOrLeftOutButNeverStopTheViews() {
        EventTape tape = new EventTape(START)
                .customer("c1", new CustomerRegistered("c1", CustomerKind.INDIVIDUAL, profile("😀张三🚀", "Hong Kong Office")))
                .customer("c1", new AccountManagerAssigned("c1", "emma.wilson", null, null))
                .customer("c1", new InteractionRecorded("c1", "i1", null, null, ExtremeHistory.FAR_FUTURE, "", ExtremeHistory.VERY_LONG))
                .customer("c1", new FollowUpScheduled("c1", "f1", "i1", ExtremeHistory.FAR_PAST))
                .customer("c1", new FollowUpScheduled("c1", "f2", "i1", LocalDate.of(2026, 3, 10)))
                .customer("c1", new InteractionRecorded("c1", "i2", InteractionChannel.CALL, null, LocalDate.of(2026, 3, 2), "需要报价", null))
                .customer("c1", new ComplaintLogged("c1", "k1", null, null, null))
                .customer("c1", new ComplaintResolved("c1", "k1", null, Integer.MAX_VALUE))
                .customer("c1", new ReturnVisitRecorded("c1", "r1", null, null, null, null))
                .customer("c1", new CustomerActivated("c1", null));
        run(tape);

        assertThat(find(WorklistProjection.FOLLOW_UPS, "f1").getString("dueOn")).as("year -999999999 is absent").isNull();
        assertThat(find(WorklistProjection.FOLLOW_UPS, "f2").getString("dueOn")).isEqualTo("2026-03-10");
        assertThat(find(WorklistProjection.CUSTOMERS, "c1").getString("lastInteractionOn")).isEqualTo("2026-03-02");
        assertThat(find(Customer360Projection.COLLECTION, "c1").getString("lifecycle")).isEqualTo("ACTIVE");
        assertThat(find(ServiceProjection.COMPLAINTS, "k1")).isNotNull();
        for (String group : ProjectionGroups.ALL) {
            assertThat(skippedOrParked(group)).as(group).isZero();
        }
    }

    private long skippedOrParked(String group) {
        return skipped.count(group) + DeadLetterQueues.count(database, group);
    }

    private List<TrackedEventMessage<?>> run(EventTape tape) {
        try (ReadSide readSide = ReadSide.start(database, new InMemoryEventStorageEngine(), Clock.systemUTC(), 3, true, skipped)) {
            readSide.publishLive(tape.events(), 0);
            readSide.awaitCaughtUp(Duration.ofSeconds(30));
            return readSide.storedEvents();
        }
    }

    private Document find(String collection, String id) {
        return database.getCollection(collection).find(Filters.eq("_id", id)).first();
    }

    static OpportunityOpened opened(String id, String customerId, Stage stage, Money amount) {
        return new OpportunityOpened(id, customerId, "净水设备采购项目", amount, LocalDate.of(2026, 6, 30), "展会", "li.na",
                OpportunityPriority.KEY, stage, 10);
    }

    static CustomerProfile profile(String name, String region) {
        return new CustomerProfile(name, null, null, null, null, "水务设备", region, "business", "展会",
                List.of("重点客户"), List.of(), Map.of(), null);
    }

    static Money cny(String amount) {
        return new Money(new BigDecimal(amount), "CNY");
    }
}
