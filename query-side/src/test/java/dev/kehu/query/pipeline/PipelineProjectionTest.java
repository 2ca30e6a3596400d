package dev.kehu.query.pipeline;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.Money;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityCloseDateChanged;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityStageChanged;
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
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineProjectionTest {

    @Test
    void recordsStageStaysReachedStagesSlipsAndCutsWithTheCustomersRegion() {
        EventTape tape = new EventTape(Instant.parse("2026-01-05T01:00:00Z"))
                .customer("c1", new CustomerRegistered("c1", CustomerKind.COMPANY, new CustomerProfile("上海远航物流有限公司", "Shanghai Yuanhang",
                        null, null, null, "物流", "上海办事处", "business", "展会", List.of(), List.of(), Map.of(), null)))
                .opportunity("o1", new OpportunityOpened("o1", "c1", "管网改造二期", cny("500000"), LocalDate.of(2026, 3, 31), "招标公告",
                        "chen.jie", OpportunityPriority.HIGH, Stage.LEAD, 10))
                .after(Duration.ofDays(10))
                .opportunity("o1", new OpportunityStageChanged("o1", Stage.LEAD, Stage.PROPOSAL, 50, "客户已确认需求", true, false))
                .opportunity("o1", new OpportunityCloseDateChanged("o1", LocalDate.of(2026, 3, 31), LocalDate.of(2026, 5, 15)))
                .opportunity("o1", new OpportunityAmountChanged("o1", cny("500000"), cny("420000")))
                .after(Duration.ofDays(20))
                .opportunity("o1", new OpportunityWon("o1", "c1", Stage.PROPOSAL, cny("420000")));
        try (EmbeddedMongo mongo = new EmbeddedMongo()) {
            MongoDatabase database = mongo.database("pipeline");
            ViewWriter writer = new ViewWriter(database);
            ReadSide.redeliver(new ProjectionPositions(database, () -> null, Clock.systemUTC()), writer,
                    Map.of(ProjectionGroups.PIPELINE, List.of(new PipelineProjection(writer))), tape.events(), 2);

            Document o1 = database.getCollection(PipelineProjection.OPPORTUNITIES).find(Filters.eq("_id", "o1")).first();
            assertThat(o1.getString("region")).isEqualTo("上海办事处");
            assertThat(o1.getString("status")).isEqualTo("WON");
            assertThat(o1.getList("reached", String.class)).containsExactly("LEAD", "PROPOSAL", "WON");
            List<Document> stays = o1.getList("stageHistory", Document.class);
            assertThat(stays).extracting(s -> s.getString("stage")).containsExactly("LEAD", "PROPOSAL", "WON");
            assertThat(Duration.between(stays.get(0).getDate("enteredAt").toInstant(), stays.get(0).getDate("leftAt").toInstant()))
                    .isEqualTo(Duration.ofDays(10).plusHours(1));
            assertThat(o1.getList("slips", Document.class)).singleElement()
                    .satisfies(s -> assertThat(s.getString("to")).isEqualTo("2026-05-15"));
            assertThat(Docs.amount(o1.get("initialAmount"))).isEqualByComparingTo("500000");
            assertThat(Docs.amount(o1.get("amount"))).isEqualByComparingTo("420000");
            assertThat(o1.getList("amountChanges", Document.class)).hasSize(1);
        }
    }

    static Money cny(String amount) {
        return new Money(new BigDecimal(amount), "CNY");
    }
}
