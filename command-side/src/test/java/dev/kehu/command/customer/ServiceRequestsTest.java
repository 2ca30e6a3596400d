package dev.kehu.command.customer;

import static dev.kehu.command.customer.CustomerFixtures.JD;
import static dev.kehu.command.customer.CustomerFixtures.aRegisteredCompany;
import static dev.kehu.command.customer.CustomerFixtures.liSiAdded;

import dev.kehu.command.customer.CustomerCommand.BookServiceAppointment;
import dev.kehu.command.customer.CustomerCommand.CloseServiceRequest;
import dev.kehu.command.customer.CustomerCommand.CompleteServiceVisit;
import dev.kehu.command.customer.CustomerCommand.LinkComplaintToServiceRequest;
import dev.kehu.command.customer.CustomerCommand.ReassignServiceEngineer;
import dev.kehu.command.customer.CustomerCommand.ReportServiceRequest;
import dev.kehu.command.customer.CustomerCommand.RescheduleServiceAppointment;
import dev.kehu.command.customer.CustomerCommand.ResolveServiceRequestByPhone;
import dev.kehu.command.customer.CustomerConflict.ServiceRequestStepRefused;
import dev.kehu.command.customer.CustomerPartNotFound.ComplaintNotFound;
import dev.kehu.command.customer.CustomerPartNotFound.ContactNotFound;
import dev.kehu.command.customer.CustomerPartNotFound.ServiceRequestNotFound;
import dev.kehu.command.customer.CustomerRuleRefusal.SatisfactionScoreOutOfRange;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.service.ComplaintLinkedToServiceRequest;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentBooked;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentRescheduled;
import dev.kehu.events.customer.servicerequest.ServiceEngineerReassigned;
import dev.kehu.events.customer.servicerequest.ServiceRequestClosed;
import dev.kehu.events.customer.servicerequest.ServiceRequestReported;
import dev.kehu.events.customer.servicerequest.ServiceRequestResolvedByPhone;
import dev.kehu.events.customer.servicerequest.ServiceVisitCompleted;
import java.time.LocalDate;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** After-sales service requests: reported, resolved on the phone or visited on a booked day, then closed. */
class ServiceRequestsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = CustomerFixtures.aggregateFixture();
    }

    private static ServiceRequestReported reported() {
        return new ServiceRequestReported(JD, "sr-1", "净水器漏水 purifier leaking", "RO-500", "contact-lisi", InteractionChannel.CALL, DAY);
    }

    private static ServiceAppointmentBooked booked() {
        return new ServiceAppointmentBooked(JD, "sr-1", DAY.plusDays(2), "09:00-12:00", "刘工");
    }

    @Test
    void reportsOnceForAKnownContact() {
        ReportServiceRequest report = new ReportServiceRequest(JD, "sr-1", "净水器漏水 purifier leaking", "RO-500",
                "contact-lisi", InteractionChannel.CALL, DAY);
        fixture.given(aRegisteredCompany(), liSiAdded()).when(report).expectEvents(reported());
        fixture.given(aRegisteredCompany(), liSiAdded(), reported()).when(report).expectNoEvents();
        fixture.given(aRegisteredCompany()).when(report).expectException(ContactNotFound.class).expectNoEvents();
    }

    @Test
    void aPhoneResolutionThenClosure() {
        fixture.given(aRegisteredCompany(), liSiAdded(), reported())
                .when(new ResolveServiceRequestByPhone(JD, "sr-1", "刘工", "指导更换密封圈", DAY))
                .expectEvents(new ServiceRequestResolvedByPhone(JD, "sr-1", "刘工", "指导更换密封圈", DAY));
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(),
                        new ServiceRequestResolvedByPhone(JD, "sr-1", "刘工", "指导更换密封圈", DAY))
                .when(new CloseServiceRequest(JD, "sr-1", DAY, 5))
                .expectEvents(new ServiceRequestClosed(JD, "sr-1", DAY, 5));
    }

    @Test
    void aBookedVisitRescheduledReassignedVisitedAndClosed() {
        fixture.given(aRegisteredCompany(), liSiAdded(), reported())
                .when(new BookServiceAppointment(JD, "sr-1", DAY.plusDays(2), "09:00-12:00", "刘工"))
                .expectEvents(booked());
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(), booked())
                .when(new RescheduleServiceAppointment(JD, "sr-1", DAY.plusDays(3), "14:00-17:00", "客户出差 customer away"))
                .expectEvents(new ServiceAppointmentRescheduled(JD, "sr-1", DAY.plusDays(3), "14:00-17:00", DAY.plusDays(2),
                        "09:00-12:00", "客户出差 customer away"));
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(), booked())
                .when(new ReassignServiceEngineer(JD, "sr-1", "John Smith", "刘工请假 on leave"))
                .expectEvents(new ServiceEngineerReassigned(JD, "sr-1", "John Smith", "刘工", "刘工请假 on leave"));
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(), booked())
                .when(new CompleteServiceVisit(JD, "sr-1", DAY.plusDays(2), "更换水泵 pump replaced"))
                .expectEvents(new ServiceVisitCompleted(JD, "sr-1", DAY.plusDays(2), "更换水泵 pump replaced"));
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(), booked(),
                        new ServiceVisitCompleted(JD, "sr-1", DAY.plusDays(2), "更换水泵 pump replaced"))
                .when(new CloseServiceRequest(JD, "sr-1", DAY.plusDays(3), 4))
                .expectEvents(new ServiceRequestClosed(JD, "sr-1", DAY.plusDays(3), 4));
    }

    @Test
    void theSameBookingRescheduleOrEngineerAgainChangesNothing() {
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(), booked())
                .when(new BookServiceAppointment(JD, "sr-1", DAY.plusDays(2), "09:00-12:00", "刘工"))
                .expectNoEvents();
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(), booked())
                .when(new RescheduleServiceAppointment(JD, "sr-1", DAY.plusDays(2), "09:00-12:00", "same"))
                .expectNoEvents();
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(), booked())
                .when(new ReassignServiceEngineer(JD, "sr-1", "刘工", "same"))
                .expectNoEvents();
    }

    @Test
    void refusesStepsOutOfOrderUnknownRequestsAndBadScores() {
        fixture.given(aRegisteredCompany(), liSiAdded(), reported())
                .when(new CompleteServiceVisit(JD, "sr-1", DAY, "done"))
                .expectException(ServiceRequestStepRefused.class)
                .expectExceptionMessage("service request sr-1 is REPORTED: it cannot be visited");
        fixture.given(aRegisteredCompany(), liSiAdded(), reported())
                .when(new CloseServiceRequest(JD, "sr-1", DAY, 5))
                .expectException(ServiceRequestStepRefused.class);
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(), booked())
                .when(new BookServiceAppointment(JD, "sr-1", DAY.plusDays(5), "09:00-12:00", "刘工"))
                .expectException(ServiceRequestStepRefused.class);
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(),
                        new ServiceRequestResolvedByPhone(JD, "sr-1", "刘工", "ok", DAY),
                        new ServiceRequestClosed(JD, "sr-1", DAY, 5))
                .when(new BookServiceAppointment(JD, "sr-1", DAY.plusDays(2), "09:00-12:00", "刘工"))
                .expectException(ServiceRequestStepRefused.class)
                .expectExceptionMessage("service request sr-1 is CLOSED: it cannot be booked");
        fixture.given(aRegisteredCompany())
                .when(new ResolveServiceRequestByPhone(JD, "sr-404", "刘工", "ok", DAY))
                .expectException(ServiceRequestNotFound.class);
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(),
                        new ServiceRequestResolvedByPhone(JD, "sr-1", "刘工", "ok", DAY))
                .when(new CloseServiceRequest(JD, "sr-1", DAY, 6))
                .expectException(SatisfactionScoreOutOfRange.class)
                .expectNoEvents();
    }

    @Test
    void aComplaintRefersToAServiceRequestOnceAndMayBeMovedToAnother() {
        ComplaintLogged complaint = new ComplaintLogged(JD, "cp-1", null, "维修太慢 repair too slow", "等了三天");
        ServiceRequestReported second = new ServiceRequestReported(JD, "sr-2", "水泵异响 pump noise", "RO-500", null,
                InteractionChannel.CALL, DAY);
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(), complaint)
                .when(new LinkComplaintToServiceRequest(JD, "cp-1", "sr-1"))
                .expectEvents(new ComplaintLinkedToServiceRequest(JD, "cp-1", "sr-1", null));
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(), complaint,
                        new ComplaintLinkedToServiceRequest(JD, "cp-1", "sr-1", null))
                .when(new LinkComplaintToServiceRequest(JD, "cp-1", "sr-1"))
                .expectNoEvents();
        fixture.given(aRegisteredCompany(), liSiAdded(), reported(), second, complaint,
                        new ComplaintLinkedToServiceRequest(JD, "cp-1", "sr-1", null))
                .when(new LinkComplaintToServiceRequest(JD, "cp-1", "sr-2"))
                .expectEvents(new ComplaintLinkedToServiceRequest(JD, "cp-1", "sr-2", "sr-1"));
    }

    @Test
    void aLinkToAnUnknownRequestOrFromAnUnknownComplaintIsRefused() {
        fixture.given(aRegisteredCompany(), new ComplaintLogged(JD, "cp-1", null, "Slow repair", null))
                .when(new LinkComplaintToServiceRequest(JD, "cp-1", "sr-404"))
                .expectException(ServiceRequestNotFound.class)
                .expectExceptionMessage("no service request sr-404 on this customer")
                .expectNoEvents();
        fixture.given(aRegisteredCompany(), liSiAdded(), reported())
                .when(new LinkComplaintToServiceRequest(JD, "cp-404", "sr-1"))
                .expectException(ComplaintNotFound.class)
                .expectNoEvents();
    }
}
