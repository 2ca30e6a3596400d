package dev.kehu.command.opportunity;

import static dev.kehu.command.opportunity.OpportunityFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.customer.CustomerConflict.CustomerNotOpenForBusiness;
import dev.kehu.command.customer.CustomerRuleRefusal.CreditLimitExceeded;
import dev.kehu.command.customer.CustomerRuleRefusal.CustomerOnCreditHold;
import dev.kehu.command.opportunity.OpportunityCommand.ChangeExpectedCloseDate;
import dev.kehu.command.opportunity.OpportunityCommand.ChangeOpportunityAmount;
import dev.kehu.command.opportunity.OpportunityCommand.ChangeOpportunityPriority;
import dev.kehu.command.opportunity.OpportunityCommand.CompleteBidPreparation;
import dev.kehu.command.opportunity.OpportunityCommand.MarkOpportunityLost;
import dev.kehu.command.opportunity.OpportunityCommand.MarkOpportunityWon;
import dev.kehu.command.opportunity.OpportunityCommand.MoveOpportunityToStage;
import dev.kehu.command.opportunity.OpportunityCommand.OpenOpportunity;
import dev.kehu.command.opportunity.OpportunityCommand.OverrideOpportunityProbability;
import dev.kehu.command.opportunity.OpportunityCommand.ReassignOpportunityOwner;
import dev.kehu.command.opportunity.OpportunityCommand.RecordBidResult;
import dev.kehu.command.opportunity.OpportunityCommand.ReopenOpportunity;
import dev.kehu.command.opportunity.OpportunityCommand.SubmitBid;
import dev.kehu.command.opportunity.OpportunityConflict.BidAlreadySubmitted;
import dev.kehu.command.opportunity.OpportunityConflict.BidPreparationAlreadyCompleted;
import dev.kehu.command.opportunity.OpportunityConflict.BidResultAlreadyRecorded;
import dev.kehu.command.opportunity.OpportunityConflict.NotInBiddingStage;
import dev.kehu.command.opportunity.OpportunityConflict.OpportunityAlreadyClosed;
import dev.kehu.command.opportunity.OpportunityConflict.OpportunityAlreadyInStage;
import dev.kehu.command.opportunity.OpportunityConflict.OpportunityNotClosed;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.AmountNotPositive;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.BidNotPrepared;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.BidNotSubmitted;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.EmptyBidChecklist;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.OpportunityNotWinnable;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.ProbabilityOutOfRange;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.ReasonRequired;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.StageChangeNeedsReason;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.StageNotReachableByMove;
import dev.kehu.command.opportunity.OpportunityRuleRefusal.UnknownCustomer;
import dev.kehu.events.Money;
import dev.kehu.events.opportunity.BidOutcome;
import dev.kehu.events.opportunity.BidPreparationCompleted;
import dev.kehu.events.opportunity.BidResultRecorded;
import dev.kehu.events.opportunity.BidSubmitted;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityCloseDateChanged;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOwnerReassigned;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.OpportunityPriorityChanged;
import dev.kehu.events.opportunity.OpportunityProbabilityOverridden;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.events.opportunity.Stage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OpportunityTest {

    private AggregateTestFixture<Opportunity> fixture;
    private CustomerAccountsInMemory customers;

    @BeforeEach
    void setUp() {
        customers = OpportunityFixtures.twoCustomers();
        fixture = OpportunityFixtures.fixtureWith(customers);
    }

    @Nested
    class Opening {

        @Test
        void opensAnOpportunityForAChineseCustomerAtTheLeadStage() {
            fixture.givenNoPriorActivity()
                    .when(openJdOpportunity())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(jdOpened());
        }

        @Test
        void opensAnOpportunityForAnEnglishCustomer() {
            fixture.givenNoPriorActivity()
                    .when(openAcmeOpportunity())
                    .expectEvents(acmeOpened());
        }

        @Test
        void usesTheConfiguredProbabilityOfTheLeadStage() {
            StageProbabilities configured = StageProbabilities.withOverrides(Map.of(Stage.LEAD, 5));
            AggregateTestFixture<Opportunity> configuredFixture = new AggregateTestFixture<>(Opportunity.class);
            configuredFixture.registerAnnotatedCommandHandler(
                    new OpportunityAndCustomerHandler(configuredFixture.getRepository(), customers, configured));
            configuredFixture.givenNoPriorActivity()
                    .when(openAcmeOpportunity())
                    .expectEvents(new dev.kehu.events.opportunity.OpportunityOpened(ACME_OPPORTUNITY,
                            ACME_CUSTOMER, ACME_TITLE, ACME_AMOUNT, LocalDate.of(2026, 9, 30), "website",
                            "alice.smith", OpportunityPriority.NORMAL, Stage.LEAD, 5));
        }

        @Test
        void refusesAnUnknownCustomer() {
            OpenOpportunity forNobody = new OpenOpportunity("opp-x", "cust-nobody", "无名客户 – 试用",
                    Money.of("100", "CNY"), CLOSE_DATE, "电话", "王小明", OpportunityPriority.LOW);
            fixture.givenNoPriorActivity()
                    .when(forNobody)
                    .expectException(UnknownCustomer.class)
                    .expectExceptionMessage("customer cust-nobody does not exist")
                    .expectNoEvents();
        }

        @Test
        void refusesACustomerThatIsChurnedDroppedOrMerged() {
            customers.notAccepting.add(JD_CUSTOMER);
            fixture.givenNoPriorActivity()
                    .when(openJdOpportunity())
                    .expectException(CustomerNotOpenForBusiness.class)
                    .expectNoEvents();
        }

        @Test
        void refusesAZeroAmount() {
            OpenOpportunity free = new OpenOpportunity(ACME_OPPORTUNITY, ACME_CUSTOMER, ACME_TITLE,
                    Money.of("0.00", "USD"), CLOSE_DATE, "website", "alice.smith", OpportunityPriority.NORMAL);
            fixture.givenNoPriorActivity()
                    .when(free)
                    .expectException(AmountNotPositive.class)
                    .expectExceptionMessage("amount 0.00 USD is not greater than zero")
                    .expectNoEvents();
        }
    }

    @Nested
    class ChangingFigures {

        @Test
        void changesTheAmountRecordingThePreviousOne() {
            Money shrunk = Money.of("980000.00", "CNY");
            fixture.given(jdOpened())
                    .when(new ChangeOpportunityAmount(JD_OPPORTUNITY, shrunk))
                    .expectEvents(new OpportunityAmountChanged(JD_OPPORTUNITY, JD_AMOUNT, shrunk));
        }

        @Test
        void recordsNothingWhenTheAmountIsTheSameAtAnotherScale() {
            fixture.given(jdOpened())
                    .when(new ChangeOpportunityAmount(JD_OPPORTUNITY, Money.of("1280000", "CNY")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesANegativeAmount() {
            fixture.given(acmeOpened())
                    .when(new ChangeOpportunityAmount(ACME_OPPORTUNITY, Money.of("-1", "USD")))
                    .expectException(AmountNotPositive.class)
                    .expectNoEvents();
        }

        @Test
        void movesTheExpectedCloseDateSoReportsSeeTheSlip() {
            LocalDate slipped = LocalDate.of(2027, 1, 31);
            fixture.given(jdOpened())
                    .when(new ChangeExpectedCloseDate(JD_OPPORTUNITY, slipped))
                    .expectEvents(new OpportunityCloseDateChanged(JD_OPPORTUNITY, CLOSE_DATE, slipped));
        }

        @Test
        void recordsNothingWhenTheCloseDateIsUnchanged() {
            fixture.given(jdOpened())
                    .when(new ChangeExpectedCloseDate(JD_OPPORTUNITY, CLOSE_DATE))
                    .expectNoEvents();
        }

        @Test
        void changesThePriority() {
            fixture.given(acmeOpened())
                    .when(new ChangeOpportunityPriority(ACME_OPPORTUNITY, OpportunityPriority.KEY))
                    .expectEvents(new OpportunityPriorityChanged(ACME_OPPORTUNITY,
                            OpportunityPriority.NORMAL, OpportunityPriority.KEY));
        }

        @Test
        void recordsNothingWhenThePriorityIsUnchanged() {
            fixture.given(acmeOpened())
                    .when(new ChangeOpportunityPriority(ACME_OPPORTUNITY, OpportunityPriority.NORMAL))
                    .expectNoEvents();
        }

        @Test
        void overridesTheStageProbabilityWithAReason() {
            fixture.given(jdHistoryUpTo(Stage.PROPOSAL))
                    .when(new OverrideOpportunityProbability(JD_OPPORTUNITY, 65, "客户已口头确认预算"))
                    .expectEvents(new OpportunityProbabilityOverridden(JD_OPPORTUNITY, Stage.PROPOSAL, 40, 65,
                            "客户已口头确认预算"));
        }

        @Test
        void refusesAProbabilityOverrideWithoutAReason() {
            fixture.given(jdOpened())
                    .when(new OverrideOpportunityProbability(JD_OPPORTUNITY, 30, "  "))
                    .expectException(ReasonRequired.class)
                    .expectExceptionMessage("overriding the probability needs a reason")
                    .expectNoEvents();
        }

        @Test
        void refusesAProbabilityAbove100() {
            fixture.given(jdOpened())
                    .when(new OverrideOpportunityProbability(JD_OPPORTUNITY, 101, "sure thing"))
                    .expectException(ProbabilityOutOfRange.class)
                    .expectExceptionMessage("probability 101 is not between 0 and 100")
                    .expectNoEvents();
        }

        @Test
        void reassignsTheOwnerWithAReason() {
            fixture.given(jdOpened())
                    .when(new ReassignOpportunityOwner(JD_OPPORTUNITY, "李华", "王小明调往上海办事处"))
                    .expectEvents(new OpportunityOwnerReassigned(JD_OPPORTUNITY, "王小明", "李华", "王小明调往上海办事处"));
        }

        @Test
        void refusesReassigningTheOwnerWithoutAReason() {
            fixture.given(acmeOpened())
                    .when(new ReassignOpportunityOwner(ACME_OPPORTUNITY, "bob.jones", null))
                    .expectException(ReasonRequired.class)
                    .expectExceptionMessage("reassigning the owner needs a reason")
                    .expectNoEvents();
        }

        @Test
        void recordsNothingWhenReassigningToTheSameOwner() {
            fixture.given(acmeOpened())
                    .when(new ReassignOpportunityOwner(ACME_OPPORTUNITY, "alice.smith", "no change"))
                    .expectNoEvents();
        }
    }

    @Nested
    class MovingThroughThePipeline {

        @Test
        void movesForwardOneStageWithoutAReason() {
            fixture.given(jdOpened())
                    .when(new MoveOpportunityToStage(JD_OPPORTUNITY, Stage.QUALIFICATION, null))
                    .expectEvents(new OpportunityStageChanged(JD_OPPORTUNITY, Stage.LEAD, Stage.QUALIFICATION,
                            20, null, false, false));
        }

        @Test
        void skipsAStageWithAReason() {
            fixture.given(jdHistoryUpTo(Stage.PROPOSAL))
                    .when(new MoveOpportunityToStage(JD_OPPORTUNITY, Stage.NEGOTIATION, "客户直接议价，不招标"))
                    .expectEvents(new OpportunityStageChanged(JD_OPPORTUNITY, Stage.PROPOSAL, Stage.NEGOTIATION,
                            80, "客户直接议价，不招标", true, false));
        }

        @Test
        void goesBackAStageWithAReason() {
            fixture.given(acmeHistoryUpTo(Stage.PROPOSAL))
                    .when(new MoveOpportunityToStage(ACME_OPPORTUNITY, Stage.QUALIFICATION,
                            "requirements changed"))
                    .expectEvents(new OpportunityStageChanged(ACME_OPPORTUNITY, Stage.PROPOSAL,
                            Stage.QUALIFICATION, 20, "requirements changed", false, true));
        }

        @Test
        void refusesSkippingAStageWithoutAReason() {
            fixture.given(jdOpened())
                    .when(new MoveOpportunityToStage(JD_OPPORTUNITY, Stage.PROPOSAL, null))
                    .expectException(StageChangeNeedsReason.class)
                    .expectExceptionMessage("moving from LEAD to PROPOSAL skips a stage and needs a reason")
                    .expectNoEvents();
        }

        @Test
        void refusesGoingBackWithoutAReason() {
            fixture.given(acmeHistoryUpTo(Stage.QUALIFICATION))
                    .when(new MoveOpportunityToStage(ACME_OPPORTUNITY, Stage.LEAD, ""))
                    .expectException(StageChangeNeedsReason.class)
                    .expectExceptionMessage("moving from QUALIFICATION to LEAD goes back and needs a reason")
                    .expectNoEvents();
        }

        @Test
        void refusesMovingToWonOrLostInsteadOfWinningOrLosing() {
            fixture.given(jdHistoryUpTo(Stage.NEGOTIATION))
                    .when(new MoveOpportunityToStage(JD_OPPORTUNITY, Stage.WON, "signed"))
                    .expectException(StageNotReachableByMove.class)
                    .expectNoEvents();
        }

        @Test
        void refusesMovingToTheCurrentStage() {
            fixture.given(jdOpened())
                    .when(new MoveOpportunityToStage(JD_OPPORTUNITY, Stage.LEAD, "again"))
                    .expectException(OpportunityAlreadyInStage.class)
                    .expectNoEvents();
        }

        @Test
        void usesTheConfiguredProbabilityOfTheNewStage() {
            AggregateTestFixture<Opportunity> configured = new AggregateTestFixture<>(Opportunity.class);
            configured.registerInjectableResource(StageProbabilities.withOverrides(Map.of(Stage.QUALIFICATION, 25)));
            configured.given(jdOpened())
                    .when(new MoveOpportunityToStage(JD_OPPORTUNITY, Stage.QUALIFICATION, null))
                    .expectEvents(new OpportunityStageChanged(JD_OPPORTUNITY, Stage.LEAD, Stage.QUALIFICATION,
                            25, null, false, false));
        }
    }

    @Nested
    class Bidding {

        @Test
        void completesTheBidPreparationChecklist() {
            fixture.given(jdHistoryUpTo(Stage.BIDDING))
                    .when(new CompleteBidPreparation(JD_OPPORTUNITY, List.of("资质文件", " 技术方案 ", "", "报价单")))
                    .expectEvents(new BidPreparationCompleted(JD_OPPORTUNITY, List.of("资质文件", "技术方案", "报价单")));
        }

        @Test
        void refusesAnEmptyChecklist() {
            fixture.given(jdHistoryUpTo(Stage.BIDDING))
                    .when(new CompleteBidPreparation(JD_OPPORTUNITY, List.of(" ")))
                    .expectException(EmptyBidChecklist.class)
                    .expectNoEvents();
        }

        @Test
        void refusesBidPreparationOutsideTheBiddingStage() {
            fixture.given(jdHistoryUpTo(Stage.PROPOSAL))
                    .when(new CompleteBidPreparation(JD_OPPORTUNITY, List.of("资质文件")))
                    .expectException(NotInBiddingStage.class)
                    .expectExceptionMessage("opportunity opp-jd-2026 is in stage PROPOSAL; bids are handled only in BIDDING")
                    .expectNoEvents();
        }

        @Test
        void refusesCompletingThePreparationTwice() {
            fixture.given(jdWithSubmittedBid())
                    .when(new CompleteBidPreparation(JD_OPPORTUNITY, List.of("资质文件")))
                    .expectException(BidPreparationAlreadyCompleted.class)
                    .expectNoEvents();
        }

        @Test
        void submitsAPreparedBid() {
            fixture.given(with(jdHistoryUpTo(Stage.BIDDING),
                            new BidPreparationCompleted(JD_OPPORTUNITY, List.of("资质文件"))))
                    .when(new SubmitBid(JD_OPPORTUNITY, Money.of("1250000.00", "CNY"), LocalDate.of(2026, 10, 20)))
                    .expectEvents(new BidSubmitted(JD_OPPORTUNITY, Money.of("1250000.00", "CNY"), LocalDate.of(2026, 10, 20)));
        }

        @Test
        void refusesSubmittingABidBeforeItsPreparationIsComplete() {
            fixture.given(jdHistoryUpTo(Stage.BIDDING))
                    .when(new SubmitBid(JD_OPPORTUNITY, Money.of("1250000.00", "CNY"), LocalDate.of(2026, 10, 20)))
                    .expectException(BidNotPrepared.class)
                    .expectNoEvents();
        }

        @Test
        void refusesSubmittingTheBidTwice() {
            fixture.given(jdWithSubmittedBid())
                    .when(new SubmitBid(JD_OPPORTUNITY, Money.of("1200000.00", "CNY"), LocalDate.of(2026, 10, 20)))
                    .expectException(BidAlreadySubmitted.class)
                    .expectNoEvents();
        }

        @Test
        void refusesABidOfZero() {
            fixture.given(with(acmeHistoryUpTo(Stage.BIDDING),
                            new BidPreparationCompleted(ACME_OPPORTUNITY, List.of("certificates"))))
                    .when(new SubmitBid(ACME_OPPORTUNITY, Money.of("0", "USD"), LocalDate.of(2026, 8, 1)))
                    .expectException(AmountNotPositive.class)
                    .expectNoEvents();
        }

        @Test
        void recordsTheBidResult() {
            fixture.given(jdWithSubmittedBid())
                    .when(new RecordBidResult(JD_OPPORTUNITY, BidOutcome.SHORTLISTED, "入围，等待商务谈判"))
                    .expectEvents(new BidResultRecorded(JD_OPPORTUNITY, BidOutcome.SHORTLISTED, "入围，等待商务谈判"));
        }

        @Test
        void refusesABidResultWithoutASubmittedBid() {
            fixture.given(with(jdHistoryUpTo(Stage.BIDDING), new BidPreparationCompleted(JD_OPPORTUNITY, List.of("资质文件"))))
                    .when(new RecordBidResult(JD_OPPORTUNITY, BidOutcome.AWARDED, null))
                    .expectException(BidNotSubmitted.class)
                    .expectNoEvents();
        }

        @Test
        void refusesRecordingTheBidResultTwice() {
            fixture.given(with(jdWithSubmittedBid(), new BidResultRecorded(JD_OPPORTUNITY, BidOutcome.SHORTLISTED, null)))
                    .when(new RecordBidResult(JD_OPPORTUNITY, BidOutcome.AWARDED, null))
                    .expectException(BidResultAlreadyRecorded.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Winning {

        @Test
        void winsFromNegotiationAndReservesTheAmountAgainstTheCustomersCredit() {
            fixture.given(jdHistoryUpTo(Stage.NEGOTIATION))
                    .when(new MarkOpportunityWon(JD_OPPORTUNITY))
                    .expectEvents(new OpportunityWon(JD_OPPORTUNITY, JD_CUSTOMER, Stage.NEGOTIATION, JD_AMOUNT));
            assertThat(customers.reservations).containsEntry(JD_OPPORTUNITY, JD_AMOUNT);
            assertThat(customers.available.get(JD_CUSTOMER)).isEqualByComparingTo("720000.00");
        }

        @Test
        void winsFromBidding() {
            fixture.given(jdWithSubmittedBid())
                    .when(new MarkOpportunityWon(JD_OPPORTUNITY))
                    .expectEvents(new OpportunityWon(JD_OPPORTUNITY, JD_CUSTOMER, Stage.BIDDING, JD_AMOUNT));
        }

        @Test
        void refusesWinningFromProposal() {
            fixture.given(jdHistoryUpTo(Stage.PROPOSAL))
                    .when(new MarkOpportunityWon(JD_OPPORTUNITY))
                    .expectException(OpportunityNotWinnable.class)
                    .expectExceptionMessage(
                            "opportunity opp-jd-2026 is in stage PROPOSAL; it can be won only from NEGOTIATION or BIDDING")
                    .expectNoEvents();
            assertThat(customers.reservations).isEmpty();
        }

        @Test
        void refusesWinningAClosedOpportunity() {
            fixture.given(with(jdHistoryUpTo(Stage.NEGOTIATION),
                            new OpportunityWon(JD_OPPORTUNITY, JD_CUSTOMER, Stage.NEGOTIATION, JD_AMOUNT)))
                    .when(new MarkOpportunityWon(JD_OPPORTUNITY))
                    .expectException(OpportunityAlreadyClosed.class)
                    .expectExceptionMessage("opportunity opp-jd-2026 is closed as WON; it changes only by reopening")
                    .expectNoEvents();
        }

        @Test
        void refusesWinningBeyondTheCustomersAvailableCredit() {
            customers.available.put(ACME_CUSTOMER, new BigDecimal("44999.99"));
            fixture.given(acmeHistoryUpTo(Stage.NEGOTIATION))
                    .when(new MarkOpportunityWon(ACME_OPPORTUNITY))
                    .expectException(CreditLimitExceeded.class)
                    .expectNoEvents();
        }

        @Test
        void refusesWinningWhileTheCustomerIsOnCreditHold() {
            customers.onHold.add(ACME_CUSTOMER);
            fixture.given(acmeHistoryUpTo(Stage.BIDDING))
                    .when(new MarkOpportunityWon(ACME_OPPORTUNITY))
                    .expectException(CustomerOnCreditHold.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class LosingAndReopening {

        @Test
        void losesWithTheReasonAndTheCompetitor() {
            fixture.given(jdHistoryUpTo(Stage.BIDDING))
                    .when(new MarkOpportunityLost(JD_OPPORTUNITY, "价格高于竞争对手12%", "美的集团"))
                    .expectEvents(new OpportunityLost(JD_OPPORTUNITY, Stage.BIDDING, "价格高于竞争对手12%", "美的集团"));
        }

        @Test
        void losesWithoutAKnownCompetitor() {
            fixture.given(acmeOpened())
                    .when(new MarkOpportunityLost(ACME_OPPORTUNITY, "budget cancelled", " "))
                    .expectEvents(new OpportunityLost(ACME_OPPORTUNITY, Stage.LEAD, "budget cancelled", null));
        }

        @Test
        void refusesLosingWithoutAReason() {
            fixture.given(acmeOpened())
                    .when(new MarkOpportunityLost(ACME_OPPORTUNITY, null, "Globex"))
                    .expectException(ReasonRequired.class)
                    .expectExceptionMessage("losing an opportunity needs a reason")
                    .expectNoEvents();
        }

        @Test
        void reopensALostDealIntoTheStageItWasLostFrom() {
            fixture.given(with(jdHistoryUpTo(Stage.BIDDING),
                            new OpportunityLost(JD_OPPORTUNITY, Stage.BIDDING, "价格高", "美的集团")))
                    .when(new ReopenOpportunity(JD_OPPORTUNITY, null, "中标人放弃，递补我方"))
                    .expectEvents(new OpportunityReopened(JD_OPPORTUNITY, Stage.LOST, Stage.BIDDING, 60, false,
                            "中标人放弃，递补我方"));
        }

        @Test
        void reopensAWonDealIntoAChosenStageAndReleasesItsCredit() {
            customers.reserveCredit(ACME_CUSTOMER, ACME_OPPORTUNITY, ACME_AMOUNT);
            assertThat(customers.available.get(ACME_CUSTOMER)).isEqualByComparingTo("5000.00");
            fixture.given(with(acmeHistoryUpTo(Stage.NEGOTIATION),
                            new OpportunityWon(ACME_OPPORTUNITY, ACME_CUSTOMER, Stage.NEGOTIATION, ACME_AMOUNT)))
                    .when(new ReopenOpportunity(ACME_OPPORTUNITY, Stage.PROPOSAL, "customer withdrew the order"))
                    .expectEvents(new OpportunityReopened(ACME_OPPORTUNITY, Stage.WON, Stage.PROPOSAL, 40, true,
                            "customer withdrew the order"));
            assertThat(customers.reservations).isEmpty();
            assertThat(customers.available.get(ACME_CUSTOMER)).isEqualByComparingTo("50000.00");
        }

        @Test
        void refusesReopeningAnOpenOpportunity() {
            fixture.given(jdOpened())
                    .when(new ReopenOpportunity(JD_OPPORTUNITY, null, "why not"))
                    .expectException(OpportunityNotClosed.class)
                    .expectNoEvents();
        }

        @Test
        void refusesReopeningWithoutAReason() {
            fixture.given(acmeOpened(), new OpportunityLost(ACME_OPPORTUNITY, Stage.LEAD, "no budget", null))
                    .when(new ReopenOpportunity(ACME_OPPORTUNITY, null, ""))
                    .expectException(ReasonRequired.class)
                    .expectExceptionMessage("reopening an opportunity needs a reason")
                    .expectNoEvents();
        }

        @Test
        void refusesReopeningIntoAClosedStage() {
            fixture.given(acmeOpened(), new OpportunityLost(ACME_OPPORTUNITY, Stage.LEAD, "no budget", null))
                    .when(new ReopenOpportunity(ACME_OPPORTUNITY, Stage.WON, "changed our minds"))
                    .expectException(StageNotReachableByMove.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class AClosedOpportunity {

        private List<Object> lostAcme() {
            return List.of(acmeOpened(), new OpportunityLost(ACME_OPPORTUNITY, Stage.LEAD, "no budget", "Globex"));
        }

        @Test
        void refusesAnAmountChange() {
            fixture.given(lostAcme())
                    .when(new ChangeOpportunityAmount(ACME_OPPORTUNITY, Money.of("1", "USD")))
                    .expectException(OpportunityAlreadyClosed.class)
                    .expectExceptionMessage("opportunity opp-acme-1 is closed as LOST; it changes only by reopening")
                    .expectNoEvents();
        }

        @Test
        void refusesEveryOtherChange() {
            List<Object> commands = List.of(
                    new ChangeExpectedCloseDate(ACME_OPPORTUNITY, CLOSE_DATE),
                    new ChangeOpportunityPriority(ACME_OPPORTUNITY, OpportunityPriority.HIGH),
                    new OverrideOpportunityProbability(ACME_OPPORTUNITY, 50, "hope"),
                    new MoveOpportunityToStage(ACME_OPPORTUNITY, Stage.QUALIFICATION, null),
                    new CompleteBidPreparation(ACME_OPPORTUNITY, List.of("certificates")),
                    new SubmitBid(ACME_OPPORTUNITY, Money.of("1", "USD"), CLOSE_DATE),
                    new RecordBidResult(ACME_OPPORTUNITY, BidOutcome.AWARDED, null),
                    new MarkOpportunityLost(ACME_OPPORTUNITY, "again", null),
                    new MarkOpportunityWon(ACME_OPPORTUNITY),
                    new ReassignOpportunityOwner(ACME_OPPORTUNITY, "bob.jones", "holiday"));
            for (Object command : commands) {
                fixture.given(lostAcme())
                        .when(command)
                        .expectException(OpportunityAlreadyClosed.class)
                        .expectNoEvents();
            }
        }
    }
}
