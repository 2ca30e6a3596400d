package dev.kehu.command.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.events.Money;
import dev.kehu.events.opportunity.BidOutcome;
import dev.kehu.events.opportunity.BidPreparationCompleted;
import dev.kehu.events.opportunity.BidResultRecorded;
import dev.kehu.events.opportunity.BidSubmitted;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityCloseDateChanged;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityOwnerReassigned;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityPriorityChanged;
import dev.kehu.events.opportunity.OpportunityProbabilityOverridden;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.events.opportunity.Stage;
import dev.kehu.infra.axon.AxonConfiguration;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** Every opportunity event survives the event store's serializer unchanged, as readable JSON with revision 1. */
class OpportunityEventSerializationTest {

    private static final String ID = "opp-jd-2026";
    private static final Money AMOUNT = Money.of("1280000.00", "CNY");

    private final Serializer serializer = AxonConfiguration.messageSerializer();

    @Test
    void roundTripsEveryOpportunityEventKeepingChineseTextAndAmountScale() {
        List<Object> events = List.of(
                new OpportunityOpened(ID, "cust-jd", "北京京东世纪贸易有限公司 – 2026年度净水设备采购", AMOUNT,
                        LocalDate.of(2026, 12, 15), "展会", "王小明", OpportunityPriority.KEY, Stage.LEAD, 10),
                new OpportunityAmountChanged(ID, AMOUNT, Money.of("980000.50", "CNY")),
                new OpportunityCloseDateChanged(ID, LocalDate.of(2026, 12, 15), LocalDate.of(2027, 1, 31)),
                new OpportunityPriorityChanged(ID, OpportunityPriority.KEY, OpportunityPriority.HIGH),
                new OpportunityProbabilityOverridden(ID, Stage.PROPOSAL, 40, 65, "客户已口头确认预算"),
                new OpportunityStageChanged(ID, Stage.PROPOSAL, Stage.NEGOTIATION, 80, "客户直接议价", true, false),
                new BidPreparationCompleted(ID, List.of("资质文件", "技术方案", "报价单")),
                new BidSubmitted(ID, Money.of("1250000.00", "CNY"), LocalDate.of(2026, 10, 20)),
                new BidResultRecorded(ID, BidOutcome.SHORTLISTED, null),
                new OpportunityWon(ID, "cust-jd", Stage.BIDDING, AMOUNT),
                new OpportunityLost("opp-acme-1", Stage.LEAD, "budget cancelled", null),
                new OpportunityReopened(ID, Stage.WON, Stage.NEGOTIATION, 80, true, "客户撤回订单"),
                new OpportunityOwnerReassigned(ID, "王小明", "李华", "王小明调往上海办事处"));

        for (Object event : events) {
            SerializedObject<String> serialized = serializer.serialize(event, String.class);
            assertThat(serialized.getType().getRevision())
                    .isEqualTo(event.getClass().getAnnotation(Revision.class).value()).isEqualTo("1");
            Object read = serializer.deserialize(serialized);
            assertThat(read).as(serialized.getData()).isEqualTo(event);
        }
        String opened = serializer.serialize(events.get(0), String.class).getData();
        assertThat(opened).contains("\"title\":\"北京京东世纪贸易有限公司 – 2026年度净水设备采购\"")
                .contains("\"expectedCloseDate\":\"2026-12-15\"").contains("1280000.00");
    }
}
