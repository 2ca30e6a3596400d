package dev.kehu.query.projection.rebuild;

import dev.kehu.events.Money;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.order.ValueTier;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ViewWriter;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ProjectionTestKit} as a projection author uses it (and every use also checks that a rebuild equals live). */
class ProjectionTestKitTest {

    static final EmbeddedMongo MONGO = new EmbeddedMongo();

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    @Test
    void givenEventsOfTwoCustomersTheCustomerListHoldsTheirTierAndMonthlySpend() {
        ProjectionTestKit.of(MONGO, ProjectionGroups.CUSTOMER_LIST)
                .given("Customer", "c-kit-1", registered("c-kit-1", "杭州西湖龙井茶业有限公司", "Hangzhou West Lake Tea Co."),
                        new CustomerTierChanged("c-kit-1", ValueTier.NONE, ValueTier.GOLD, Money.of("120000.00", "CNY"),
                                LocalDate.of(2025, 11, 20), LocalDate.of(2026, 11, 19), Money.of("100000.00", "CNY")),
                        new OrderRecorded("c-kit-1", "SO-1", Money.of("1000.50", "CNY"), LocalDate.of(2026, 3, 2)),
                        new OrderRecorded("c-kit-1", "SO-2", Money.of("99.50", "CNY"), LocalDate.of(2026, 3, 28)))
                .given("Customer", "c-kit-2", registered("c-kit-2", null, "Northwind Traders Ltd"))
                .expect("customer_list", "c-kit-1", doc -> {
                    assertThat(doc.getString("name")).isEqualTo("杭州西湖龙井茶业有限公司");
                    assertThat(doc.getString("tier")).isEqualTo("GOLD");
                    Document days = doc.get("spendByDay", Document.class).get("CNY", Document.class);
                    assertThat(days.get("2026-03-02", Decimal128.class).bigDecimalValue()).isEqualByComparingTo("1000.50");
                    assertThat(days.get("2026-03-28", Decimal128.class).bigDecimalValue()).isEqualByComparingTo("99.50");
                    assertThat(doc.getLong(ViewWriter.APPLIED_POSITION)).isEqualTo(4L);
                })
                .expect("customer_list", "c-kit-2", doc -> assertThat(doc.getString("name")).isEqualTo("Northwind Traders Ltd"))
                .expect("customer_list", "c-kit-3", doc -> assertThat(doc).as("never registered").isNull());
    }

    @Test
    void everyViewGroupIsRebuiltWithTheCollectionsItDeclares() {
        assertThat(ProjectionCollections.BY_GROUP.keySet()).containsExactlyInAnyOrderElementsOf(ProjectionGroups.ALL);
        assertThat(dev.kehu.query.history.ReadSide.projections(new ViewWriter(MONGO.database("kit-groups"))).keySet())
                .as("the test harness runs every group, so RebuildAndIdempotencyTest checks rebuild equals live for each")
                .containsExactlyInAnyOrderElementsOf(ProjectionGroups.ALL);
    }

    private static CustomerRegistered registered(String id, String chineseName, String latinName) {
        return new CustomerRegistered(id, CustomerKind.COMPANY, new CustomerProfile(chineseName, latinName, null, null, null,
                "茶叶 tea", "华东区", "business", "展会", List.of("重点客户"), List.of(), Map.of(), null));
    }
}
