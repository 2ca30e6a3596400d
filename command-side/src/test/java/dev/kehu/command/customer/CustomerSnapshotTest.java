package dev.kehu.command.customer;

import static dev.kehu.command.customer.CustomerFixtures.JD;
import static dev.kehu.command.customer.CustomerFixtures.cny;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kehu.command.customer.CustomerCommand.SetCreditRating;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.credit.CreditHoldPlaced;
import dev.kehu.events.customer.credit.CreditRating;
import dev.kehu.events.customer.credit.CreditRatingSet;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.customer.lifecycle.CustomerActivated;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.credit.InvoiceOverdue;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.customer.order.ValueTier;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/**
 * A Customer with rich state survives a snapshot written the way infra's snapshot serializer writes it
 * (Jackson 2, fields instead of getters), so the aggregate can opt into {@code kehuSnapshotTrigger}.
 */
class CustomerSnapshotTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    /** Same settings as infra's {@code AxonConfiguration.snapshotObjectMapper()}. */
    private static ObjectMapper snapshotMapper() {
        ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        return mapper;
    }

    @Test
    void aCustomerWithRichStateRoundTripsThroughTheSnapshotMapper() throws Exception {
        AtomicReference<Customer> captured = new AtomicReference<>();
        AggregateTestFixture<Customer> fixture = CustomerFixtures.aggregateFixture();
        fixture.given(CustomerFixtures.aRegisteredCompany(), CustomerFixtures.liSiAdded(), CustomerFixtures.liSiIsPrimary(),
                        new AccountManagerAssigned(JD, "wangwu", null, null),
                        new InteractionRecorded(JD, "i", InteractionChannel.VISIT, null, DAY, "ok", null),
                        new FollowUpScheduled(JD, "f", "i", DAY.plusDays(3)),
                        new CreditRatingSet(JD, CreditRating.AA, null), CustomerFixtures.jdCreditLimit("300000"),
                        new OrderRecorded(JD, "SO-1", cny("250000"), DAY), new CustomerActivated(JD, "SO-1"),
                        new CustomerTierChanged(JD, ValueTier.NONE, ValueTier.GOLD, cny("250000"), DAY.minusYears(1),
                                DAY, cny("200000")),
                        new InvoiceRecorded(JD, "INV-1", cny("100000"), DAY, null, "SO-1", null),
                        new PaymentRecorded(JD, "PAY-1", "INV-1", cny("40000"), DAY),
                        new InvoiceOverdue(JD, "INV-1", cny("60000"), DAY),
                        new CreditReserved(JD, "opp-1", cny("50000")),
                        new ComplaintLogged(JD, "c-1", null, "漏水", null), new CreditHoldPlaced(JD, "逾期"))
                .when(new SetCreditRating(JD, CreditRating.A))
                .expectState(captured::set);
        ObjectMapper mapper = snapshotMapper();
        Customer original = captured.get();

        String snapshot = mapper.writeValueAsString(original);
        Customer restored = mapper.readValue(snapshot, Customer.class);

        assertThat(mapper.writeValueAsString(restored)).isEqualTo(snapshot);
        assertThat(restored.customerId()).isEqualTo(JD);
        assertThat(restored.stage()).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(restored.isOnCreditHold()).isTrue();
        assertThat(restored.exposure().amount()).isEqualByComparingTo("110000");
        assertThat(restored.availableCredit().amount()).isEqualByComparingTo("190000");
        assertThat(snapshot).contains("北京京东世纪贸易有限公司", "INV-1", "opp-1", "c-1");
    }
}
