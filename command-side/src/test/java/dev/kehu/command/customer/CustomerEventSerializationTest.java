package dev.kehu.command.customer;

import static dev.kehu.command.customer.CustomerFixtures.JD;
import static dev.kehu.command.customer.CustomerFixtures.cny;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kehu.events.customer.*;
import dev.kehu.events.customer.contact.*;
import dev.kehu.events.customer.credit.*;
import dev.kehu.events.customer.followup.*;
import dev.kehu.events.customer.lifecycle.*;
import dev.kehu.events.customer.order.*;
import dev.kehu.events.customer.service.*;
import dev.kehu.events.registry.EventTypes;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** Every Customer event survives Axon's Jackson serializer (as the event store uses it) and has a revision. */
class CustomerEventSerializationTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    static List<Object> oneOfEachEvent() {
        return List.of(
                CustomerFixtures.aRegisteredCompany(), CustomerFixtures.aRegisteredIndividual(),
                new CustomerProfileChanged(JD, CustomerFixtures.acmeProfile()),
                new ContactAdded(JD, CustomerFixtures.liSi()), new ContactChanged(JD, CustomerFixtures.johnSmith()),
                new ContactRemoved(JD, "c"), new PrimaryContactChosen(JD, "c"),
                new AccountManagerAssigned(JD, "zhaoliu", "wangwu", "调岗"),
                new InteractionRecorded(JD, "i", InteractionChannel.MEETING, "c", DAY, "好", "notes"),
                new FollowUpScheduled(JD, "f", "i", DAY), new FollowUpCompleted(JD, "f", DAY, "done"),
                new FollowUpRescheduled(JD, "f", DAY, DAY.plusDays(1)),
                new CreditRatingSet(JD, CreditRating.AAA, null), new CreditLimitSet(JD, cny("100.50"), cny("1")),
                new CreditHoldPlaced(JD, "逾期"), new CreditHoldReleased(JD, "结清"),
                new CreditReserved(JD, "opp", cny("10")), new CreditReleased(JD, "opp", cny("10"), "reopened"),
                new OrderRecorded(JD, "SO", cny("10"), DAY),
                new InvoiceRecorded(JD, "INV", cny("10"), DAY, DAY.plusDays(30), "SO", "opp"),
                new PaymentRecorded(JD, "PAY", "INV", cny("5"), DAY), new InvoiceOverdue(JD, "INV", cny("5"), DAY),
                new dev.kehu.events.customer.credit.CreditInvestigationRecorded(JD, "ci", List.of("征信", "D&B"), "好",
                        "可授信", CreditRating.A, "李娜", DAY),
                new dev.kehu.events.customer.delivery.DeliveryRecorded(JD, "DN", "SO", DAY,
                        List.of(new dev.kehu.events.customer.delivery.DeliveryItem("净水器", java.math.BigDecimal.TEN, "台")),
                        null, dev.kehu.events.customer.delivery.DeliveryStatus.SHIPPED, DAY),
                new dev.kehu.events.customer.servicerequest.ServiceRequestReported(JD, "sr", "漏水", "RO-500", null,
                        InteractionChannel.CALL, DAY),
                new dev.kehu.events.customer.servicerequest.ServiceRequestResolvedByPhone(JD, "sr", "刘工", "ok", DAY),
                new dev.kehu.events.customer.servicerequest.ServiceAppointmentBooked(JD, "sr", DAY, "09:00-12:00", "刘工"),
                new dev.kehu.events.customer.servicerequest.ServiceAppointmentRescheduled(JD, "sr", DAY, "14:00-17:00",
                        DAY, "09:00-12:00", "改约"),
                new dev.kehu.events.customer.servicerequest.ServiceEngineerReassigned(JD, "sr", "王工", "刘工", "请假"),
                new dev.kehu.events.customer.servicerequest.ServiceVisitCompleted(JD, "sr", DAY, "修好"),
                new dev.kehu.events.customer.servicerequest.ServiceRequestClosed(JD, "sr", DAY, 5),
                new dev.kehu.events.customer.delivery.DeliveryStatusChanged(JD, "DN",
                        dev.kehu.events.customer.delivery.DeliveryStatus.DELIVERED,
                        dev.kehu.events.customer.delivery.DeliveryStatus.SHIPPED, DAY),
                new CustomerTierChanged(JD, ValueTier.NONE, ValueTier.SILVER, cny("50000"), DAY.minusYears(1), DAY,
                        cny("50000")),
                new ComplaintLogged(JD, "c1", null, "漏水", "描述"),
                new dev.kehu.events.customer.service.ComplaintLinkedToServiceRequest(JD, "c1", "sr", null),
                new ComplaintResolved(JD, "c1", "修好", 5),
                new ReturnVisitRecorded(JD, "rv", "c1", DAY, "满意", null),
                new CustomerActivated(JD, "SO"), new CustomerBecameDormant(JD, DAY), new CustomerChurned(JD, "价格", "甲"),
                new CustomerReactivated(JD, LifecycleStage.DORMANT, "order SO"), new CustomerDropped(JD, "低回报"),
                new CustomerMerged(JD, "survivor"),
                new PersonalDataErased(JD, PersonalDataErased.SubjectType.CONTACT, "c-李四", "本人要求 asked by the person"),
                new DuplicateCustomerAbsorbed("survivor", JD, List.of(CustomerFixtures.liSi()),
                        List.of(new OpenFollowUp("f", "i", DAY)), List.of("i"), List.of("c1")));
    }

    @Test
    void everyEventRoundTripsThroughAxonsJacksonSerializer() {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules()).build();
        for (Object event : oneOfEachEvent()) {
            SerializedObject<String> serialized = serializer.serialize(event, String.class);
            Object back = serializer.deserialize(serialized);
            assertThat(back).as(serialized.getData()).isEqualTo(event);
            assertThat(serialized.getType().getRevision()).as(event.getClass().getSimpleName()).isEqualTo("1");
        }
    }

    @Test
    void everyEventTypeIsCoveredAndCarriesRevisionOne() {
        // the registry lists every event (infra's ArchitectureTest checks that), the Customer's in its packages
        List<Class<?>> customerEvents = EventTypes.ALL.classes().stream()
                .filter(type -> type.getPackageName().startsWith("dev.kehu.events.customer")).toList();
        assertThat(customerEvents).hasSize(44)
                .allSatisfy(c -> assertThat(c.getAnnotation(Revision.class).value()).isEqualTo("1"));
        assertThat(oneOfEachEvent().stream().<Class<?>>map(Object::getClass).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(customerEvents);
    }
}
