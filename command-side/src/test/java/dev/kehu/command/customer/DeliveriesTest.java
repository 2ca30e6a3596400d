package dev.kehu.command.customer;

import static dev.kehu.command.customer.CustomerFixtures.JD;
import static dev.kehu.command.customer.CustomerFixtures.aRegisteredCompany;
import static dev.kehu.command.customer.CustomerFixtures.cny;

import dev.kehu.command.actor.NotTheOwner;
import dev.kehu.command.customer.CustomerCommand.RecordDelivery;
import dev.kehu.command.customer.CustomerConflict.CustomerIsMerged;
import dev.kehu.command.customer.CustomerConflict.DocumentNumberConflict;
import dev.kehu.command.customer.CustomerRuleRefusal.DeliveryStatusNotAllowed;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.delivery.DeliveryItem;
import dev.kehu.events.customer.delivery.DeliveryRecorded;
import dev.kehu.events.customer.delivery.DeliveryStatus;
import dev.kehu.events.customer.delivery.DeliveryStatusChanged;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries (发货) from the ERP: idempotent on the delivery number, status moving forward only. */
class DeliveriesTest {

    private static final LocalDate SHIPPED = LocalDate.of(2026, 11, 2);
    private static final LocalDate SIGNED = LocalDate.of(2026, 11, 5);
    private static final List<DeliveryItem> ITEMS = List.of(new DeliveryItem("反渗透净水设备 RO purifier", new BigDecimal("3"), "台"),
            new DeliveryItem("Filter cartridge", new BigDecimal("12"), "pcs"));

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = CustomerFixtures.aggregateFixture();
    }

    private static RecordDelivery delivery(DeliveryStatus status, LocalDate on) {
        return new RecordDelivery(JD, "DN-1", "SO-1", SHIPPED, ITEMS, cny("36000.00"), status, on);
    }

    private static DeliveryRecorded shipped() {
        return new DeliveryRecorded(JD, "DN-1", "SO-1", SHIPPED, ITEMS, cny("36000.00"), DeliveryStatus.SHIPPED, SHIPPED);
    }

    @Test
    void recordsADeliveryOnceAndTheSameOneAgainChangesNothing() {
        fixture.given(aRegisteredCompany())
                .when(delivery(DeliveryStatus.SHIPPED, SHIPPED))
                .expectEvents(shipped());
        fixture.given(aRegisteredCompany(), shipped())
                .when(new RecordDelivery(JD, "DN-1", "SO-1", SHIPPED, ITEMS, cny("36000"), DeliveryStatus.SHIPPED, SHIPPED))
                .expectNoEvents();
    }

    @Test
    void aLaterStatusOfTheSameDeliveryRecordsTheChange() {
        fixture.given(aRegisteredCompany(), shipped())
                .when(delivery(DeliveryStatus.DELIVERED, SIGNED))
                .expectEvents(new DeliveryStatusChanged(JD, "DN-1", DeliveryStatus.DELIVERED, DeliveryStatus.SHIPPED, SIGNED));
        fixture.given(aRegisteredCompany(), shipped(),
                        new DeliveryStatusChanged(JD, "DN-1", DeliveryStatus.DELIVERED, DeliveryStatus.SHIPPED, SIGNED))
                .when(delivery(DeliveryStatus.RETURNED, SIGNED.plusDays(7)))
                .expectEvents(new DeliveryStatusChanged(JD, "DN-1", DeliveryStatus.RETURNED, DeliveryStatus.DELIVERED,
                        SIGNED.plusDays(7)));
    }

    @Test
    void refusesAStatusGoingBack() {
        fixture.given(aRegisteredCompany(), shipped(),
                        new DeliveryStatusChanged(JD, "DN-1", DeliveryStatus.RETURNED, DeliveryStatus.SHIPPED, SIGNED))
                .when(delivery(DeliveryStatus.DELIVERED, SIGNED))
                .expectException(DeliveryStatusNotAllowed.class)
                .expectExceptionMessage("delivery DN-1 is RETURNED and cannot become DELIVERED")
                .expectNoEvents();
    }

    @Test
    void refusesOtherContentUnderARecordedNumber() {
        fixture.given(aRegisteredCompany(), shipped())
                .when(new RecordDelivery(JD, "DN-1", "SO-2", SHIPPED, ITEMS, cny("36000.00"), DeliveryStatus.SHIPPED, SHIPPED))
                .expectException(DocumentNumberConflict.class)
                .expectNoEvents();
        fixture.given(aRegisteredCompany(), shipped())
                .when(new RecordDelivery(JD, "DN-1", "SO-1", SHIPPED, List.of(), cny("36000.00"), DeliveryStatus.DELIVERED, SIGNED))
                .expectException(DocumentNumberConflict.class);
    }

    @Test
    void theRootsInterceptorGuardsThePartsOwnHandler() {
        fixture.given(aRegisteredCompany(), new CustomerMerged(JD, "customer-survivor"))
                .when(delivery(DeliveryStatus.SHIPPED, SHIPPED))
                .expectException(CustomerIsMerged.class)
                .expectNoEvents();
        fixture.given(aRegisteredCompany(), new AccountManagerAssigned(JD, "张伟", null, null))
                .when(delivery(DeliveryStatus.SHIPPED, SHIPPED), CustomerOwnerOnlyTest.ownOnly("li.na"))
                .expectException(NotTheOwner.class)
                .expectNoEvents();
    }
}
