package dev.kehu.command.customer;

import static dev.kehu.command.customer.CustomerFixtures.JD;
import static dev.kehu.command.customer.CustomerFixtures.ZHANG_SAN;
import static dev.kehu.command.customer.CustomerFixtures.aRegisteredCompany;
import static dev.kehu.command.customer.CustomerFixtures.aRegisteredIndividual;
import static dev.kehu.command.customer.CustomerFixtures.cny;
import static dev.kehu.command.customer.CustomerFixtures.jdCreditLimit;
import static dev.kehu.command.customer.CustomerFixtures.jdProfile;
import static dev.kehu.command.customer.CustomerFixtures.johnSmith;
import static dev.kehu.command.customer.CustomerFixtures.liSi;
import static dev.kehu.command.customer.CustomerFixtures.liSiAdded;
import static dev.kehu.command.customer.CustomerFixtures.liSiIsPrimary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.customer.CustomerCommand.AddContact;
import dev.kehu.command.customer.CustomerCommand.AssignAccountManager;
import dev.kehu.command.customer.CustomerCommand.ChangeContact;
import dev.kehu.command.customer.CustomerCommand.ChangeCustomerProfile;
import dev.kehu.command.customer.CustomerCommand.ChoosePrimaryContact;
import dev.kehu.command.customer.CustomerCommand.CompleteFollowUp;
import dev.kehu.command.customer.CustomerCommand.DropCustomer;
import dev.kehu.command.customer.CustomerCommand.LogComplaint;
import dev.kehu.command.customer.CustomerCommand.MarkCustomerChurned;
import dev.kehu.command.customer.CustomerCommand.MarkCustomerDormant;
import dev.kehu.command.customer.CustomerCommand.PlaceCreditHold;
import dev.kehu.command.customer.CustomerCommand.ReactivateCustomer;
import dev.kehu.command.customer.CustomerCommand.RecordInteraction;
import dev.kehu.command.customer.CustomerCommand.RecordInvoice;
import dev.kehu.command.customer.CustomerCommand.RecordOrder;
import dev.kehu.command.customer.CustomerCommand.RecordOverdueInvoice;
import dev.kehu.command.customer.CustomerCommand.RecordPayment;
import dev.kehu.command.customer.CustomerCommand.RecordReturnVisit;
import dev.kehu.command.customer.CustomerCommand.ReevaluateTier;
import dev.kehu.command.customer.CustomerCommand.RegisterCustomer;
import dev.kehu.command.customer.CustomerCommand.ReleaseCreditHold;
import dev.kehu.command.customer.CustomerCommand.RemoveContact;
import dev.kehu.command.customer.CustomerCommand.RescheduleFollowUp;
import dev.kehu.command.customer.CustomerCommand.ResolveComplaint;
import dev.kehu.command.customer.CustomerCommand.SetCreditLimit;
import dev.kehu.command.customer.CustomerCommand.SetCreditRating;
import dev.kehu.command.customer.CustomerConflict.AccountManagerAlreadyAssigned;
import dev.kehu.command.customer.CustomerConflict.ComplaintAlreadyResolved;
import dev.kehu.command.customer.CustomerConflict.CreditHoldAlreadyPlaced;
import dev.kehu.command.customer.CustomerConflict.CreditHoldNotPlaced;
import dev.kehu.command.customer.CustomerConflict.CustomerIsMerged;
import dev.kehu.command.customer.CustomerConflict.CustomerNotOpenForBusiness;
import dev.kehu.command.customer.CustomerConflict.DocumentNumberConflict;
import dev.kehu.command.customer.CustomerConflict.FollowUpAlreadyCompleted;
import dev.kehu.command.customer.CustomerConflict.InvoiceAlreadyPaid;
import dev.kehu.command.customer.CustomerConflict.LifecycleTransitionRefused;
import dev.kehu.command.customer.CustomerConflict.PrimaryContactRemovalRefused;
import dev.kehu.command.customer.CustomerPartNotFound.ComplaintNotFound;
import dev.kehu.command.customer.CustomerPartNotFound.ContactNotFound;
import dev.kehu.command.customer.CustomerPartNotFound.FollowUpNotFound;
import dev.kehu.command.customer.CustomerRuleRefusal.ContactsRequireCompany;
import dev.kehu.command.customer.CustomerRuleRefusal.CreditCodeRequired;
import dev.kehu.command.customer.CustomerRuleRefusal.CreditLimitExceeded;
import dev.kehu.command.customer.CustomerRuleRefusal.CurrencyMismatch;
import dev.kehu.command.customer.CustomerRuleRefusal.CustomerNameRequired;
import dev.kehu.command.customer.CustomerRuleRefusal.CustomerOnCreditHold;
import dev.kehu.command.customer.CustomerRuleRefusal.PaymentExceedsOutstanding;
import dev.kehu.command.customer.CustomerRuleRefusal.ReassignmentNeedsReason;
import dev.kehu.command.customer.CustomerRuleRefusal.SatisfactionScoreOutOfRange;
import dev.kehu.command.customer.CustomerRuleRefusal.UnknownInvoice;
import dev.kehu.events.Money;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.service.ComplaintResolved;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.ContactChanged;
import dev.kehu.events.customer.contact.ContactRemoved;
import dev.kehu.events.customer.credit.CreditHoldPlaced;
import dev.kehu.events.customer.credit.CreditHoldReleased;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditRating;
import dev.kehu.events.customer.credit.CreditRatingSet;
import dev.kehu.events.customer.credit.CreditReleased;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.customer.lifecycle.CustomerActivated;
import dev.kehu.events.customer.lifecycle.CustomerBecameDormant;
import dev.kehu.events.customer.lifecycle.CustomerChurned;
import dev.kehu.events.customer.lifecycle.CustomerDropped;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.lifecycle.CustomerReactivated;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.followup.FollowUpCompleted;
import dev.kehu.events.customer.followup.FollowUpRescheduled;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.credit.InvoiceOverdue;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.events.customer.contact.PrimaryContactChosen;
import dev.kehu.events.customer.service.ReturnVisitRecorded;
import dev.kehu.events.customer.order.ValueTier;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CustomerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = CustomerFixtures.aggregateFixture();
        fixture.registerAnnotatedCommandHandler(new CreditApiTestHandler(fixture.getRepository()));
    }

    @Nested
    class Registration {

        @Test
        void registersAChineseCompany() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterCustomer(JD, CustomerKind.COMPANY, jdProfile()))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(aRegisteredCompany())
                    .expectState(customer -> assertThat(customer.stage()).isEqualTo(LifecycleStage.PROSPECT));
        }

        @Test
        void registersAnIndividualWithNormalizedEmail() {
            CustomerProfile shouting = withEmail(CustomerFixtures.zhangSanProfile(), "  ZhangSan@Example.COM ");
            fixture.givenNoPriorActivity()
                    .when(new RegisterCustomer(ZHANG_SAN, CustomerKind.INDIVIDUAL, shouting))
                    .expectEvents(aRegisteredIndividual());
        }

        @Test
        void refusesACompanyWithoutCreditCode() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterCustomer(JD, CustomerKind.COMPANY, withCreditCode(jdProfile(), null)))
                    .expectException(CreditCodeRequired.class)
                    .expectNoEvents();
        }

        @Test
        void refusesACustomerWithoutAnyName() {
            CustomerProfile nameless = new CustomerProfile(null, " ", "91110302562134916R", null, null, null, null,
                    null, null, null, null, null, null);
            fixture.givenNoPriorActivity()
                    .when(new RegisterCustomer(JD, CustomerKind.COMPANY, nameless))
                    .expectException(CustomerNameRequired.class);
        }

        @Test
        void changesTheProfile() {
            CustomerProfile moved = withRegion(jdProfile(), "上海办事处");
            fixture.given(aRegisteredCompany())
                    .when(new ChangeCustomerProfile(JD, moved))
                    .expectEvents(new CustomerProfileChanged(JD, moved));
        }

        @Test
        void ignoresAnUnchangedProfile() {
            fixture.given(aRegisteredCompany())
                    .when(new ChangeCustomerProfile(JD, jdProfile()))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesRemovingTheCreditCodeOfACompany() {
            fixture.given(aRegisteredCompany())
                    .when(new ChangeCustomerProfile(JD, withCreditCode(jdProfile(), " ")))
                    .expectException(CreditCodeRequired.class);
        }
    }

    @Nested
    class Contacts {

        @Test
        void addsTheFirstContactAsPrimary() {
            fixture.given(aRegisteredCompany())
                    .when(new AddContact(JD, liSi()))
                    .expectEvents(liSiAdded(), liSiIsPrimary());
        }

        @Test
        void addsAFurtherContactWithoutChangingThePrimary() {
            fixture.given(aRegisteredCompany(), liSiAdded(), liSiIsPrimary())
                    .when(new AddContact(JD, johnSmith()))
                    .expectEvents(new ContactAdded(JD, johnSmith()));
        }

        @Test
        void addingTheSameContactTwiceRecordsItOnce() {
            fixture.given(aRegisteredCompany(), liSiAdded(), liSiIsPrimary())
                    .when(new AddContact(JD, liSi()))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAnotherContactUnderAnExistingContactId() {
            ContactCard other = new ContactCard(liSi().contactId(), "王五", null, List.of(), List.of(), null);
            fixture.given(aRegisteredCompany(), liSiAdded(), liSiIsPrimary())
                    .when(new AddContact(JD, other))
                    .expectException(DocumentNumberConflict.class);
        }

        @Test
        void refusesContactsForAnIndividual() {
            fixture.given(aRegisteredIndividual())
                    .when(new AddContact(ZHANG_SAN, liSi()))
                    .expectException(ContactsRequireCompany.class)
                    .expectNoEvents();
        }

        @Test
        void changesAContact() {
            ContactCard promoted = new ContactCard(liSi().contactId(), "李四", "采购总监",
                    List.of(Phone.of("138-0013-8001"), Phone.of("010-6567 8888")), List.of("lisi@jd.example"), null);
            fixture.given(aRegisteredCompany(), liSiAdded(), liSiIsPrimary())
                    .when(new ChangeContact(JD, promoted))
                    .expectEvents(new ContactChanged(JD, promoted));
        }

        @Test
        void refusesChangingAnUnknownContact() {
            fixture.given(aRegisteredCompany())
                    .when(new ChangeContact(JD, liSi()))
                    .expectException(ContactNotFound.class);
        }

        @Test
        void removesANonPrimaryContact() {
            fixture.given(aRegisteredCompany(), liSiAdded(), liSiIsPrimary(), new ContactAdded(JD, johnSmith()))
                    .when(new RemoveContact(JD, johnSmith().contactId()))
                    .expectEvents(new ContactRemoved(JD, johnSmith().contactId()));
        }

        @Test
        void removesTheOnlyContactEvenIfPrimary() {
            fixture.given(aRegisteredCompany(), liSiAdded(), liSiIsPrimary())
                    .when(new RemoveContact(JD, liSi().contactId()))
                    .expectEvents(new ContactRemoved(JD, liSi().contactId()));
        }

        @Test
        void refusesRemovingThePrimaryWhileOthersExist() {
            fixture.given(aRegisteredCompany(), liSiAdded(), liSiIsPrimary(), new ContactAdded(JD, johnSmith()))
                    .when(new RemoveContact(JD, liSi().contactId()))
                    .expectException(PrimaryContactRemovalRefused.class);
        }

        @Test
        void refusesRemovingAnUnknownContact() {
            fixture.given(aRegisteredCompany())
                    .when(new RemoveContact(JD, "nobody"))
                    .expectException(ContactNotFound.class);
        }

        @Test
        void choosesAnotherPrimaryContact() {
            fixture.given(aRegisteredCompany(), liSiAdded(), liSiIsPrimary(), new ContactAdded(JD, johnSmith()))
                    .when(new ChoosePrimaryContact(JD, johnSmith().contactId()))
                    .expectEvents(new PrimaryContactChosen(JD, johnSmith().contactId()));
        }

        @Test
        void refusesAnUnknownPrimaryContact() {
            fixture.given(aRegisteredCompany())
                    .when(new ChoosePrimaryContact(JD, "nobody"))
                    .expectException(ContactNotFound.class);
        }
    }

    @Nested
    class AccountManager {

        @Test
        void assignsTheFirstAccountManagerWithoutReason() {
            fixture.given(aRegisteredCompany())
                    .when(new AssignAccountManager(JD, "wangwu", null))
                    .expectEvents(new AccountManagerAssigned(JD, "wangwu", null, null));
        }

        @Test
        void reassignsWithAReason() {
            fixture.given(aRegisteredCompany(), new AccountManagerAssigned(JD, "wangwu", null, null))
                    .when(new AssignAccountManager(JD, "zhaoliu", "王五调往华南区"))
                    .expectEvents(new AccountManagerAssigned(JD, "zhaoliu", "wangwu", "王五调往华南区"));
        }

        @Test
        void refusesAReassignmentWithoutReason() {
            fixture.given(aRegisteredCompany(), new AccountManagerAssigned(JD, "wangwu", null, null))
                    .when(new AssignAccountManager(JD, "zhaoliu", " "))
                    .expectException(ReassignmentNeedsReason.class);
        }

        @Test
        void refusesAssigningTheCurrentManagerAgain() {
            fixture.given(aRegisteredCompany(), new AccountManagerAssigned(JD, "wangwu", null, null))
                    .when(new AssignAccountManager(JD, "wangwu", "again"))
                    .expectException(AccountManagerAlreadyAssigned.class);
        }
    }

    @Nested
    class Interactions {

        private final LocalDate visitDay = LocalDate.of(2026, 11, 20);

        @Test
        void recordsAVisitWithANextFollowUp() {
            fixture.given(aRegisteredCompany(), liSiAdded(), liSiIsPrimary())
                    .when(new RecordInteraction(JD, "i-1", InteractionChannel.VISIT, liSi().contactId(), visitDay,
                            "客户对净水设备感兴趣", "带样品再访", "f-1", LocalDate.of(2026, 12, 1)))
                    .expectEvents(
                            new InteractionRecorded(JD, "i-1", InteractionChannel.VISIT, liSi().contactId(), visitDay,
                                    "客户对净水设备感兴趣", "带样品再访"),
                            new FollowUpScheduled(JD, "f-1", "i-1", LocalDate.of(2026, 12, 1)));
        }

        @Test
        void recordsACallWithoutFollowUp() {
            fixture.given(aRegisteredCompany())
                    .when(new RecordInteraction(JD, "i-2", InteractionChannel.CALL, null, visitDay, "no answer",
                            null, null, null))
                    .expectEvents(new InteractionRecorded(JD, "i-2", InteractionChannel.CALL, null, visitDay,
                            "no answer", null));
        }

        @Test
        void refusesAnInteractionWithAnUnknownContact() {
            fixture.given(aRegisteredCompany())
                    .when(new RecordInteraction(JD, "i-3", InteractionChannel.MEETING, "nobody", visitDay, null,
                            null, null, null))
                    .expectException(ContactNotFound.class);
        }

        @Test
        void completesAFollowUp() {
            fixture.given(aRegisteredCompany(), new FollowUpScheduled(JD, "f-1", "i-1", LocalDate.of(2026, 12, 1)))
                    .when(new CompleteFollowUp(JD, "f-1", TODAY, "签约意向明确"))
                    .expectEvents(new FollowUpCompleted(JD, "f-1", TODAY, "签约意向明确"));
        }

        @Test
        void refusesCompletingAFollowUpTwice() {
            fixture.given(aRegisteredCompany(), new FollowUpScheduled(JD, "f-1", "i-1", TODAY),
                            new FollowUpCompleted(JD, "f-1", TODAY, null))
                    .when(new CompleteFollowUp(JD, "f-1", TODAY, null))
                    .expectException(FollowUpAlreadyCompleted.class);
        }

        @Test
        void refusesAnUnknownFollowUp() {
            fixture.given(aRegisteredCompany())
                    .when(new CompleteFollowUp(JD, "f-9", TODAY, null))
                    .expectException(FollowUpNotFound.class);
        }

        @Test
        void reschedulesAFollowUp() {
            fixture.given(aRegisteredCompany(), new FollowUpScheduled(JD, "f-1", "i-1", TODAY))
                    .when(new RescheduleFollowUp(JD, "f-1", TODAY.plusDays(7)))
                    .expectEvents(new FollowUpRescheduled(JD, "f-1", TODAY, TODAY.plusDays(7)));
        }

        @Test
        void refusesReschedulingACompletedFollowUp() {
            fixture.given(aRegisteredCompany(), new FollowUpScheduled(JD, "f-1", "i-1", TODAY),
                            new FollowUpCompleted(JD, "f-1", TODAY, null))
                    .when(new RescheduleFollowUp(JD, "f-1", TODAY.plusDays(7)))
                    .expectException(FollowUpAlreadyCompleted.class);
        }
    }

    @Nested
    class CreditAdministration {

        @Test
        void setsTheCreditRating() {
            fixture.given(aRegisteredCompany())
                    .when(new SetCreditRating(JD, CreditRating.AA))
                    .expectEvents(new CreditRatingSet(JD, CreditRating.AA, null));
        }

        @Test
        void setsAndRaisesTheCreditLimit() {
            fixture.given(aRegisteredCompany(), jdCreditLimit("100000"))
                    .when(new SetCreditLimit(JD, cny("200000"), TODAY))
                    .expectEvents(new CreditLimitSet(JD, cny("200000"), cny("100000")));
        }

        @Test
        void refusesChangingTheCreditCurrencyWhileExposed() {
            fixture.given(aRegisteredCompany(), jdCreditLimit("100000"),
                            new CreditReserved(JD, "opp-1", cny("1000")))
                    .when(new SetCreditLimit(JD, Money.of("20000", "USD"), TODAY))
                    .expectException(CurrencyMismatch.class);
        }

        @Test
        void placesAndReleasesACreditHold() {
            fixture.given(aRegisteredCompany())
                    .when(new PlaceCreditHold(JD, "回款逾期90天"))
                    .expectEvents(new CreditHoldPlaced(JD, "回款逾期90天"));
            fixture.given(aRegisteredCompany(), new CreditHoldPlaced(JD, "回款逾期90天"))
                    .when(new ReleaseCreditHold(JD, "已结清"))
                    .expectEvents(new CreditHoldReleased(JD, "已结清"));
        }

        @Test
        void refusesASecondCreditHold() {
            fixture.given(aRegisteredCompany(), new CreditHoldPlaced(JD, "overdue"))
                    .when(new PlaceCreditHold(JD, "again"))
                    .expectException(CreditHoldAlreadyPlaced.class);
        }

        @Test
        void refusesReleasingAMissingCreditHold() {
            fixture.given(aRegisteredCompany())
                    .when(new ReleaseCreditHold(JD, "nothing to release"))
                    .expectException(CreditHoldNotPlaced.class);
        }
    }

    @Nested
    class CreditApi {

        @Test
        void reservesCreditWithinTheLimit() {
            fixture.given(aRegisteredCompany(), jdCreditLimit("100000"))
                    .when(new ReserveCreditForTest(JD, "opp-1", cny("60000"), false))
                    .expectEvents(new CreditReserved(JD, "opp-1", cny("60000")))
                    .expectState(c -> assertThat(c.availableCredit().amount()).isEqualByComparingTo("40000"));
        }

        @Test
        void refusesCreditBeyondLimitMinusExposure() {
            fixture.given(aRegisteredCompany(), jdCreditLimit("100000"),
                            new CreditReserved(JD, "opp-1", cny("60000")),
                            new InvoiceRecorded(JD, "INV-1", cny("30000"), TODAY, null, null, null))
                    .when(new ReserveCreditForTest(JD, "opp-2", cny("10001"), false))
                    .expectException(CreditLimitExceeded.class)
                    .expectExceptionMessage("requested 10001 CNY exceeds the available credit of customer customer-jd:"
                            + " limit 100000 minus exposure 90000")
                    .expectNoEvents();
        }

        @Test
        void refusesCreditWithoutAnyLimit() {
            fixture.given(aRegisteredCompany())
                    .when(new ReserveCreditForTest(JD, "opp-1", cny("1"), false))
                    .expectException(CreditLimitExceeded.class);
        }

        @Test
        void refusesCreditWhileOnHold() {
            fixture.given(aRegisteredCompany(), jdCreditLimit("100000"), new CreditHoldPlaced(JD, "overdue"))
                    .when(new ReserveCreditForTest(JD, "opp-1", cny("1"), false))
                    .expectException(CustomerOnCreditHold.class);
        }

        @Test
        void refusesCreditInAnotherCurrency() {
            fixture.given(aRegisteredCompany(), jdCreditLimit("100000"))
                    .when(new ReserveCreditForTest(JD, "opp-1", Money.of("10", "USD"), false))
                    .expectException(CurrencyMismatch.class);
        }

        @Test
        void reservingTheSameOpportunityAgainChangesNothing() {
            fixture.given(aRegisteredCompany(), jdCreditLimit("100000"), new CreditReserved(JD, "opp-1", cny("60000")),
                            new CreditHoldPlaced(JD, "placed after the win"))
                    .when(new ReserveCreditForTest(JD, "opp-1", cny("60000.00"), false))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void replacesAReservationCheckingOnlyTheOtherExposure() {
            fixture.given(aRegisteredCompany(), jdCreditLimit("100000"), new CreditReserved(JD, "opp-1", cny("60000")))
                    .when(new ReserveCreditForTest(JD, "opp-1", cny("100000"), false))
                    .expectEvents(new CreditReserved(JD, "opp-1", cny("100000")));
        }

        @Test
        void releasesAReservation() {
            fixture.given(aRegisteredCompany(), jdCreditLimit("100000"), new CreditReserved(JD, "opp-1", cny("60000")))
                    .when(new ReserveCreditForTest(JD, "opp-1", null, true))
                    .expectEvents(new CreditReleased(JD, "opp-1", cny("60000"), "deal reopened"));
        }

        @Test
        void releasingWithoutReservationChangesNothing() {
            fixture.given(aRegisteredCompany())
                    .when(new ReserveCreditForTest(JD, "opp-1", null, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anInvoiceNamingTheOpportunityTurnsTheReservationIntoInvoiceExposure() {
            fixture.given(aRegisteredCompany(), jdCreditLimit("100000"), new CreditReserved(JD, "opp-1", cny("60000")))
                    .when(new RecordInvoice(JD, "INV-1", cny("60000"), TODAY, TODAY.plusDays(30), null, "opp-1"))
                    .expectEvents(new InvoiceRecorded(JD, "INV-1", cny("60000"), TODAY, TODAY.plusDays(30), null, "opp-1"))
                    .expectState(c -> assertThat(c.exposure().amount()).isEqualByComparingTo("60000"));
        }

        @Test
        void anInvoiceForPartOfTheDealKeepsTheRestReserved() {
            fixture.given(aRegisteredCompany(), jdCreditLimit("100000"), new CreditReserved(JD, "opp-1", cny("60000")))
                    .when(new RecordInvoice(JD, "INV-1", cny("25000"), TODAY, TODAY.plusDays(30), null, "opp-1"))
                    .expectEvents(new InvoiceRecorded(JD, "INV-1", cny("25000"), TODAY, TODAY.plusDays(30), null, "opp-1"))
                    .expectState(c -> {
                        assertThat(c.exposure().amount()).isEqualByComparingTo("60000");
                        assertThat(c.availableCredit().amount()).isEqualByComparingTo("40000");
                    });
        }

        @Test
        void paymentsAndOverdueInvoicesShapeTheExposure() {
            fixture.given(aRegisteredCompany(), jdCreditLimit("100000"),
                            new InvoiceRecorded(JD, "INV-1", cny("50000"), TODAY, null, null, null),
                            new PaymentRecorded(JD, "PAY-1", "INV-1", cny("20000"), TODAY),
                            new InvoiceOverdue(JD, "INV-1", cny("30000"), TODAY))
                    .when(new ReserveCreditForTest(JD, "opp-2", cny("70000"), false))
                    .expectEvents(new CreditReserved(JD, "opp-2", cny("70000")))
                    .expectState(c -> assertThat(c.availableCredit().amount()).isEqualByComparingTo("0"));
        }

        @Test
        void churnedDroppedAndMergedCustomersTakeNoNewOpportunities() {
            fixture.given(aRegisteredCompany(), new CustomerActivated(JD, "SO-1"),
                            new CustomerChurned(JD, "价格", "竞争对手甲"))
                    .when(new SetCreditRating(JD, CreditRating.B))
                    .expectState(c -> {
                        assertThat(c.acceptsNewOpportunities()).isFalse();
                        org.assertj.core.api.Assertions.assertThatThrownBy(c::ensureAcceptsNewOpportunities)
                                .isInstanceOf(CustomerNotOpenForBusiness.class).hasMessageContaining("churned");
                    });
            fixture.given(aRegisteredCompany())
                    .when(new SetCreditRating(JD, CreditRating.A))
                    .expectState(c -> assertThat(c.acceptsNewOpportunities()).isTrue());
        }
    }

    @Nested
    class ErpFacts {

        private final LocalDate orderDay = LocalDate.of(2026, 11, 1);

        @Test
        void theFirstOrderActivatesAProspect() {
            fixture.given(aRegisteredCompany())
                    .when(new RecordOrder(JD, "SO-1", cny("12000"), orderDay, TODAY))
                    .expectEvents(new OrderRecorded(JD, "SO-1", cny("12000"), orderDay), new CustomerActivated(JD, "SO-1"));
        }

        @Test
        void theSameOrderTwiceIsRecordedOnce() {
            fixture.given(aRegisteredCompany(), new OrderRecorded(JD, "SO-1", cny("12000"), orderDay),
                            new CustomerActivated(JD, "SO-1"))
                    .when(new RecordOrder(JD, "SO-1", cny("12000.00"), orderDay, TODAY))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAReusedOrderNumberWithOtherContent() {
            fixture.given(aRegisteredCompany(), new OrderRecorded(JD, "SO-1", cny("12000"), orderDay))
                    .when(new RecordOrder(JD, "SO-1", cny("99999"), orderDay, TODAY))
                    .expectException(DocumentNumberConflict.class);
        }

        @Test
        void anOrderReactivatesAChurnedCustomer() {
            fixture.given(aRegisteredCompany(), new CustomerActivated(JD, "SO-0"), new CustomerChurned(JD, "价格", null))
                    .when(new RecordOrder(JD, "SO-1", cny("100"), orderDay, TODAY))
                    .expectEvents(new OrderRecorded(JD, "SO-1", cny("100"), orderDay),
                            new CustomerReactivated(JD, LifecycleStage.CHURNED, "order SO-1"));
        }

        @Test
        void recordsAnInvoiceOnceAndRefusesAnotherCurrency() {
            fixture.given(aRegisteredCompany())
                    .when(new RecordInvoice(JD, "INV-1", cny("500"), orderDay, null, "SO-1", null))
                    .expectEvents(new InvoiceRecorded(JD, "INV-1", cny("500"), orderDay, null, "SO-1", null));
            fixture.given(aRegisteredCompany(), new InvoiceRecorded(JD, "INV-1", cny("500"), orderDay, null, "SO-1", null))
                    .when(new RecordInvoice(JD, "INV-1", cny("500"), orderDay, null, "SO-1", null))
                    .expectNoEvents();
            fixture.given(aRegisteredCompany())
                    .when(new RecordInvoice(JD, "INV-2", Money.of("500", "USD"), orderDay, null, null, null))
                    .expectException(CurrencyMismatch.class);
            fixture.given(aRegisteredCompany(), new InvoiceRecorded(JD, "INV-1", cny("500"), orderDay, null, "SO-1", null))
                    .when(new RecordInvoice(JD, "INV-1", cny("501"), orderDay, null, "SO-1", null))
                    .expectException(DocumentNumberConflict.class);
        }

        @Test
        void recordsAPaymentOnce() {
            InvoiceRecorded invoice = new InvoiceRecorded(JD, "INV-1", cny("500"), orderDay, null, null, null);
            fixture.given(aRegisteredCompany(), invoice)
                    .when(new RecordPayment(JD, "PAY-1", "INV-1", cny("200"), TODAY))
                    .expectEvents(new PaymentRecorded(JD, "PAY-1", "INV-1", cny("200"), TODAY));
            fixture.given(aRegisteredCompany(), invoice, new PaymentRecorded(JD, "PAY-1", "INV-1", cny("200"), TODAY))
                    .when(new RecordPayment(JD, "PAY-1", "INV-1", cny("200"), TODAY))
                    .expectNoEvents();
        }

        @Test
        void refusesAPaymentForAnUnknownInvoice() {
            fixture.given(aRegisteredCompany())
                    .when(new RecordPayment(JD, "PAY-1", "INV-404", cny("200"), TODAY))
                    .expectException(UnknownInvoice.class);
        }

        @Test
        void refusesAPaymentBeyondTheOutstandingAmount() {
            fixture.given(aRegisteredCompany(), new InvoiceRecorded(JD, "INV-1", cny("500"), orderDay, null, null, null))
                    .when(new RecordPayment(JD, "PAY-1", "INV-1", cny("500.01"), TODAY))
                    .expectException(PaymentExceedsOutstanding.class);
        }

        @Test
        void recordsAnOverdueInvoiceOnce() {
            InvoiceRecorded invoice = new InvoiceRecorded(JD, "INV-1", cny("500"), orderDay, null, null, null);
            PaymentRecorded partly = new PaymentRecorded(JD, "PAY-1", "INV-1", cny("200"), TODAY);
            fixture.given(aRegisteredCompany(), invoice, partly)
                    .when(new RecordOverdueInvoice(JD, "INV-1", TODAY))
                    .expectEvents(new InvoiceOverdue(JD, "INV-1", cny("300"), TODAY));
            fixture.given(aRegisteredCompany(), invoice, partly, new InvoiceOverdue(JD, "INV-1", cny("300"), TODAY))
                    .when(new RecordOverdueInvoice(JD, "INV-1", TODAY))
                    .expectNoEvents();
        }

        @Test
        void refusesOverdueForAPaidOrUnknownInvoice() {
            fixture.given(aRegisteredCompany(), new InvoiceRecorded(JD, "INV-1", cny("500"), orderDay, null, null, null),
                            new PaymentRecorded(JD, "PAY-1", "INV-1", cny("500"), TODAY))
                    .when(new RecordOverdueInvoice(JD, "INV-1", TODAY))
                    .expectException(InvoiceAlreadyPaid.class);
            fixture.given(aRegisteredCompany())
                    .when(new RecordOverdueInvoice(JD, "INV-404", TODAY))
                    .expectException(UnknownInvoice.class);
        }
    }

    @Nested
    class ValueTiers {

        @Test
        void anOrderThatCrossesTheSilverThresholdChangesTheTierWithItsFigures() {
            fixture.given(aRegisteredCompany(), new OrderRecorded(JD, "SO-1", cny("30000"), LocalDate.of(2026, 3, 1)),
                            new CustomerActivated(JD, "SO-1"))
                    .when(new RecordOrder(JD, "SO-2", cny("25000"), LocalDate.of(2026, 11, 20), TODAY))
                    .expectEvents(new OrderRecorded(JD, "SO-2", cny("25000"), LocalDate.of(2026, 11, 20)),
                            new CustomerTierChanged(JD, ValueTier.NONE, ValueTier.SILVER, cny("55000"),
                                    LocalDate.of(2025, 11, 23), TODAY, cny("50000")));
        }

        @Test
        void anOrderThatKeepsTheTierEmitsNoTierEvent() {
            fixture.given(aRegisteredCompany(), new CustomerActivated(JD, "SO-0"))
                    .when(new RecordOrder(JD, "SO-1", cny("100"), TODAY, TODAY))
                    .expectEvents(new OrderRecorded(JD, "SO-1", cny("100"), TODAY));
        }

        @Test
        void theDailyReevaluationDropsTheTierWhenOrdersLeaveTheWindow() {
            fixture.given(aRegisteredCompany(), new OrderRecorded(JD, "SO-1", cny("250000"), LocalDate.of(2025, 11, 22)),
                            new CustomerTierChanged(JD, ValueTier.NONE, ValueTier.GOLD, cny("250000"),
                                    LocalDate.of(2024, 11, 23), LocalDate.of(2025, 11, 22), cny("200000")))
                    .when(new ReevaluateTier(JD, TODAY))
                    .expectEvents(new CustomerTierChanged(JD, ValueTier.GOLD, ValueTier.NONE, cny("0"),
                            LocalDate.of(2025, 11, 23), TODAY, null));
        }

        @Test
        void reevaluationWithoutChangeEmitsNothing() {
            fixture.given(aRegisteredCompany())
                    .when(new ReevaluateTier(JD, TODAY))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void thresholdsComeFromTheInjectedPolicy() {
            FixtureConfiguration<Customer> generous = new AggregateTestFixture<>(Customer.class);
            generous.registerInjectableResource(new TierPolicy("CNY", new java.math.BigDecimal("10"),
                    new java.math.BigDecimal("20"), new java.math.BigDecimal("30")));
            generous.given(aRegisteredCompany(), new CustomerActivated(JD, "SO-0"))
                    .when(new RecordOrder(JD, "SO-1", cny("30"), TODAY, TODAY))
                    .expectEvents(new OrderRecorded(JD, "SO-1", cny("30"), TODAY),
                            new CustomerTierChanged(JD, ValueTier.NONE, ValueTier.DIAMOND, cny("30"),
                                    LocalDate.of(2025, 11, 23), TODAY, cny("30")));
        }
    }

    @Nested
    class Service {

        @Test
        void logsAComplaint() {
            fixture.given(aRegisteredCompany(), liSiAdded(), liSiIsPrimary())
                    .when(new LogComplaint(JD, "c-1", liSi().contactId(), "滤芯漏水", "安装后第三天漏水"))
                    .expectEvents(new ComplaintLogged(JD, "c-1", liSi().contactId(), "滤芯漏水", "安装后第三天漏水"));
        }

        @Test
        void refusesAComplaintFromAnUnknownContact() {
            fixture.given(aRegisteredCompany())
                    .when(new LogComplaint(JD, "c-1", "nobody", "leak", null))
                    .expectException(ContactNotFound.class);
        }

        @Test
        void resolvesAComplaintWithASatisfactionScore() {
            fixture.given(aRegisteredCompany(), new ComplaintLogged(JD, "c-1", null, "leak", null))
                    .when(new ResolveComplaint(JD, "c-1", "更换滤芯", 4))
                    .expectEvents(new ComplaintResolved(JD, "c-1", "更换滤芯", 4));
        }

        @Test
        void refusesResolvingTwiceUnknownOrWithABadScore() {
            fixture.given(aRegisteredCompany(), new ComplaintLogged(JD, "c-1", null, "leak", null),
                            new ComplaintResolved(JD, "c-1", "fixed", 5))
                    .when(new ResolveComplaint(JD, "c-1", "again", 5))
                    .expectException(ComplaintAlreadyResolved.class);
            fixture.given(aRegisteredCompany())
                    .when(new ResolveComplaint(JD, "c-404", "fixed", 5))
                    .expectException(ComplaintNotFound.class);
            fixture.given(aRegisteredCompany(), new ComplaintLogged(JD, "c-1", null, "leak", null))
                    .when(new ResolveComplaint(JD, "c-1", "fixed", 6))
                    .expectException(SatisfactionScoreOutOfRange.class);
        }

        @Test
        void recordsAReturnVisit() {
            fixture.given(aRegisteredCompany(), new ComplaintLogged(JD, "c-1", null, "leak", null))
                    .when(new RecordReturnVisit(JD, "rv-1", "c-1", TODAY, "客户满意", 5))
                    .expectEvents(new ReturnVisitRecorded(JD, "rv-1", "c-1", TODAY, "客户满意", 5));
        }

        @Test
        void refusesAReturnVisitForAnUnknownComplaintOrWithABadScore() {
            fixture.given(aRegisteredCompany())
                    .when(new RecordReturnVisit(JD, "rv-1", "c-404", TODAY, null, null))
                    .expectException(ComplaintNotFound.class);
            fixture.given(aRegisteredCompany())
                    .when(new RecordReturnVisit(JD, "rv-1", null, TODAY, null, 0))
                    .expectException(SatisfactionScoreOutOfRange.class);
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void anActiveCustomerBecomesDormant() {
            fixture.given(aRegisteredCompany(), new OrderRecorded(JD, "SO-1", cny("10"), LocalDate.of(2025, 1, 5)),
                            new CustomerActivated(JD, "SO-1"))
                    .when(new MarkCustomerDormant(JD))
                    .expectEvents(new CustomerBecameDormant(JD, LocalDate.of(2025, 1, 5)));
        }

        @Test
        void refusesToMakeAProspectDormant() {
            fixture.given(aRegisteredCompany())
                    .when(new MarkCustomerDormant(JD))
                    .expectException(LifecycleTransitionRefused.class)
                    .expectExceptionMessage("cannot mark dormant a customer who is PROSPECT");
        }

        @Test
        void aDormantCustomerChurnsToACompetitor() {
            fixture.given(aRegisteredCompany(), new CustomerActivated(JD, "SO-1"), new CustomerBecameDormant(JD, null))
                    .when(new MarkCustomerChurned(JD, "价格太高", "竞争对手甲"))
                    .expectEvents(new CustomerChurned(JD, "价格太高", "竞争对手甲"));
        }

        @Test
        void refusesToChurnAProspect() {
            fixture.given(aRegisteredCompany())
                    .when(new MarkCustomerChurned(JD, "price", null))
                    .expectException(LifecycleTransitionRefused.class);
        }

        @Test
        void reactivatesAChurnedCustomer() {
            fixture.given(aRegisteredCompany(), new CustomerActivated(JD, "SO-1"), new CustomerChurned(JD, "price", null))
                    .when(new ReactivateCustomer(JD, "新项目"))
                    .expectEvents(new CustomerReactivated(JD, LifecycleStage.CHURNED, "新项目"));
        }

        @Test
        void refusesToReactivateAnActiveCustomer() {
            fixture.given(aRegisteredCompany(), new CustomerActivated(JD, "SO-1"))
                    .when(new ReactivateCustomer(JD, null))
                    .expectException(LifecycleTransitionRefused.class);
        }

        @Test
        void dropsALowReturnCustomerOnce() {
            fixture.given(aRegisteredCompany())
                    .when(new DropCustomer(JD, "三年无订单"))
                    .expectEvents(new CustomerDropped(JD, "三年无订单"));
            fixture.given(aRegisteredCompany(), new CustomerDropped(JD, "三年无订单"))
                    .when(new DropCustomer(JD, "again"))
                    .expectException(LifecycleTransitionRefused.class);
        }

        @Test
        void aMergedCustomerRefusesEveryCommandNamingTheSurvivor() {
            fixture.given(aRegisteredCompany(), new CustomerMerged(JD, "customer-survivor"))
                    .when(new SetCreditRating(JD, CreditRating.A))
                    .expectException(CustomerIsMerged.class)
                    .expectExceptionMessage("customer customer-jd was merged into customer-survivor and is read-only");
            fixture.given(aRegisteredCompany(), new CustomerMerged(JD, "customer-survivor"))
                    .when(new RecordOrder(JD, "SO-1", cny("1"), TODAY, TODAY))
                    .expectException(CustomerIsMerged.class);
            fixture.given(aRegisteredCompany(), jdCreditLimit("100"), new CustomerMerged(JD, "customer-survivor"))
                    .when(new ReserveCreditForTest(JD, "opp-1", cny("1"), false))
                    .expectException(CustomerIsMerged.class);
        }
    }

    private static CustomerProfile withEmail(CustomerProfile p, String email) {
        return new CustomerProfile(p.chineseName(), p.latinName(), p.creditCode(), p.mobile(), email, p.industry(),
                p.region(), p.segment(), p.sourceChannel(), p.tags(), p.addresses(), p.preferences(), p.notes());
    }

    private static CustomerProfile withCreditCode(CustomerProfile p, String code) {
        return new CustomerProfile(p.chineseName(), p.latinName(), code, p.mobile(), p.email(), p.industry(),
                p.region(), p.segment(), p.sourceChannel(), p.tags(), p.addresses(), p.preferences(), p.notes());
    }

    static CustomerProfile withRegion(CustomerProfile p, String region) {
        return new CustomerProfile(p.chineseName(), p.latinName(), p.creditCode(), p.mobile(), p.email(), p.industry(),
                region, p.segment(), p.sourceChannel(), p.tags(), p.addresses(), p.preferences(), p.notes());
    }

    @SuppressWarnings("unused")
    private static final Map<String, Object> NOTHING = Map.of();
    @SuppressWarnings("unused")
    private static final CustomerRegistered UNUSED = null;
}
