package dev.kehu.command.opportunity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.opportunity.OpportunityCommand.ChangeExpectedCloseDate;
import dev.kehu.command.opportunity.OpportunityCommand.ChangeOpportunityAmount;
import dev.kehu.command.opportunity.OpportunityCommand.ChangeOpportunityPriority;
import dev.kehu.command.opportunity.OpportunityCommand.CompleteBidPreparation;
import dev.kehu.command.opportunity.OpportunityCommand.MarkOpportunityLost;
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
import dev.kehu.command.actor.OwnerOnly;
import dev.kehu.events.Money;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An opportunity (商机) moving through the one standard sales pipeline. Each command handler
 * validates first and then applies; state changes only in the {@link EventSourcingHandler}s.
 *
 * <p>Opening, winning and reopening also involve the customer, so {@link OpportunityAndCustomerHandler}
 * drives them through the
 * constructor and the {@link #winTerms()}/{@link #markWon()} and
 * {@link #planReopening(ReopenOpportunity)}/{@link #reopen(ReopenPlan, int, String)} methods, in
 * one unit of work with the customer's aggregate.
 */
@Aggregate(snapshotTriggerDefinition = "kehuSnapshotTrigger", cache = "kehuOpportunityCache")
public class Opportunity {

    @AggregateIdentifier
    private String opportunityId;
    private String customerId;
    private Stage stage;
    private Stage closedFrom;
    private Money amount;
    private LocalDate expectedCloseDate;
    private OpportunityPriority priority;
    private String ownerId;
    private int probability;
    private boolean bidPrepared;
    private boolean bidSubmitted;
    private boolean bidResultRecorded;

    protected Opportunity() {
        // for Axon
    }

    private static final String OWNER = "opportunity's owner";

    /** SALES changes only the opportunities it owns ({@link OwnerOnly}); before every command on this one. */
    @CommandHandlerInterceptor
    void ownerOnly(CommandMessage<?> command) {
        OwnerOnly.check(command, ownerId, OWNER);
    }

    /** Opens the opportunity at {@link Stage#LEAD} with that stage's default probability. */
    Opportunity(OpenOpportunity command, int leadProbability) {
        OwnerOnly.check(command.ownerId(), OWNER);
        requirePositive(command.amount());
        apply(new OpportunityOpened(command.opportunityId(), command.customerId(), command.title(),
                command.amount(), command.expectedCloseDate(), command.source(), command.ownerId(),
                command.priority(), Stage.LEAD, leadProbability));
    }

    @CommandHandler
    void handle(ChangeOpportunityAmount command) {
        requireOpen();
        requirePositive(command.amount());
        if (command.amount().isSameAmountAs(amount)) {
            return;
        }
        apply(new OpportunityAmountChanged(opportunityId, amount, command.amount()));
    }

    @CommandHandler
    void handle(ChangeExpectedCloseDate command) {
        requireOpen();
        Objects.requireNonNull(command.expectedCloseDate(), "expectedCloseDate");
        if (command.expectedCloseDate().equals(expectedCloseDate)) {
            return;
        }
        apply(new OpportunityCloseDateChanged(opportunityId, expectedCloseDate, command.expectedCloseDate()));
    }

    @CommandHandler
    void handle(ChangeOpportunityPriority command) {
        requireOpen();
        Objects.requireNonNull(command.priority(), "priority");
        if (command.priority() == priority) {
            return;
        }
        apply(new OpportunityPriorityChanged(opportunityId, priority, command.priority()));
    }

    @CommandHandler
    void handle(OverrideOpportunityProbability command) {
        requireOpen();
        if (command.probability() < 0 || command.probability() > 100) {
            throw new ProbabilityOutOfRange(command.probability());
        }
        requireReason(command.reason(), "overriding the probability");
        if (command.probability() == probability) {
            return;
        }
        apply(new OpportunityProbabilityOverridden(
                opportunityId, stage, probability, command.probability(), command.reason()));
    }

    @CommandHandler
    void handle(MoveOpportunityToStage command, StageProbabilities probabilities) {
        requireOpen();
        Stage target = Objects.requireNonNull(command.stage(), "stage");
        if (target.isClosed()) {
            throw new StageNotReachableByMove(target);
        }
        if (target == stage) {
            throw new OpportunityAlreadyInStage(opportunityId, stage);
        }
        boolean plain = stage.isDirectlyFollowedBy(target);
        if (!plain && isBlank(command.reason())) {
            throw new StageChangeNeedsReason(stage, target);
        }
        apply(new OpportunityStageChanged(opportunityId, stage, target, probabilities.of(target),
                blankToNull(command.reason()), stage.wouldSkipTo(target), stage.wouldGoBackTo(target)));
    }

    @CommandHandler
    void handle(CompleteBidPreparation command) {
        requireBidding();
        if (bidPrepared) {
            throw new BidPreparationAlreadyCompleted(opportunityId);
        }
        List<String> checklist = command.checklist() == null ? List.of()
                : command.checklist().stream().filter(item -> !isBlank(item)).map(String::strip).toList();
        if (checklist.isEmpty()) {
            throw new EmptyBidChecklist(opportunityId);
        }
        apply(new BidPreparationCompleted(opportunityId, checklist));
    }

    @CommandHandler
    void handle(SubmitBid command) {
        requireBidding();
        if (!bidPrepared) {
            throw new BidNotPrepared(opportunityId);
        }
        if (bidSubmitted) {
            throw new BidAlreadySubmitted(opportunityId);
        }
        requirePositive(command.bidAmount());
        Objects.requireNonNull(command.deadline(), "deadline");
        apply(new BidSubmitted(opportunityId, command.bidAmount(), command.deadline()));
    }

    @CommandHandler
    void handle(RecordBidResult command) {
        requireBidding();
        if (!bidSubmitted) {
            throw new BidNotSubmitted(opportunityId);
        }
        if (bidResultRecorded) {
            throw new BidResultAlreadyRecorded(opportunityId);
        }
        Objects.requireNonNull(command.outcome(), "outcome");
        apply(new BidResultRecorded(opportunityId, command.outcome(), blankToNull(command.notes())));
    }

    @CommandHandler
    void handle(MarkOpportunityLost command) {
        requireOpen();
        requireReason(command.reason(), "losing an opportunity");
        apply(new OpportunityLost(opportunityId, stage, command.reason(), blankToNull(command.competitor())));
    }

    @CommandHandler
    void handle(ReassignOpportunityOwner command) {
        requireOpen();
        Objects.requireNonNull(command.ownerId(), "ownerId");
        requireReason(command.reason(), "reassigning the owner");
        if (command.ownerId().equals(ownerId)) {
            return;
        }
        apply(new OpportunityOwnerReassigned(opportunityId, ownerId, command.ownerId(), command.reason()));
    }

    /** What winning would reserve against whose credit; refuses when the deal is not winnable. */
    WinTerms winTerms() {
        OwnerOnly.check(ownerId, OWNER);
        requireOpen();
        if (stage != Stage.NEGOTIATION && stage != Stage.BIDDING) {
            throw new OpportunityNotWinnable(opportunityId, stage);
        }
        return new WinTerms(customerId, amount);
    }

    /** Closes the deal as won; call after the customer reserved {@link #winTerms()}. */
    void markWon() {
        WinTerms terms = winTerms();
        apply(new OpportunityWon(opportunityId, terms.customerId(), stage, terms.amount()));
    }

    /** Checks that the deal may be reopened into the requested stage and says what that involves. */
    ReopenPlan planReopening(ReopenOpportunity command) {
        OwnerOnly.check(ownerId, OWNER);
        if (stage.isOpen()) {
            throw new OpportunityNotClosed(opportunityId, stage);
        }
        requireReason(command.reason(), "reopening an opportunity");
        Stage target = command.stage() == null ? closedFrom : command.stage();
        if (target.isClosed()) {
            throw new StageNotReachableByMove(target);
        }
        return new ReopenPlan(customerId, target, stage == Stage.WON);
    }

    /** Reopens the deal as planned; when it was won, the customer released its credit already. */
    void reopen(ReopenPlan plan, int probabilityOfStage, String reason) {
        apply(new OpportunityReopened(opportunityId, stage, plan.stage(), probabilityOfStage,
                plan.releasesCredit(), reason));
    }

    @EventSourcingHandler
    void on(OpportunityOpened event) {
        opportunityId = event.opportunityId();
        customerId = event.customerId();
        stage = event.stage();
        amount = event.amount();
        expectedCloseDate = event.expectedCloseDate();
        priority = event.priority();
        ownerId = event.ownerId();
        probability = event.probability();
    }

    @EventSourcingHandler
    void on(OpportunityAmountChanged event) {
        amount = event.amount();
    }

    @EventSourcingHandler
    void on(OpportunityCloseDateChanged event) {
        expectedCloseDate = event.expectedCloseDate();
    }

    @EventSourcingHandler
    void on(OpportunityPriorityChanged event) {
        priority = event.priority();
    }

    @EventSourcingHandler
    void on(OpportunityProbabilityOverridden event) {
        probability = event.probability();
    }

    @EventSourcingHandler
    void on(OpportunityStageChanged event) {
        stage = event.to();
        probability = event.probability();
    }

    @EventSourcingHandler
    void on(BidPreparationCompleted event) {
        bidPrepared = true;
    }

    @EventSourcingHandler
    void on(BidSubmitted event) {
        bidSubmitted = true;
    }

    @EventSourcingHandler
    void on(BidResultRecorded event) {
        bidResultRecorded = true;
    }

    @EventSourcingHandler
    void on(OpportunityWon event) {
        closedFrom = event.fromStage();
        stage = Stage.WON;
        probability = 100;
    }

    @EventSourcingHandler
    void on(OpportunityLost event) {
        closedFrom = event.fromStage();
        stage = Stage.LOST;
        probability = 0;
    }

    @EventSourcingHandler
    void on(OpportunityReopened event) {
        stage = event.stage();
        probability = event.probability();
        closedFrom = null;
    }

    @EventSourcingHandler
    void on(OpportunityOwnerReassigned event) {
        ownerId = event.ownerId();
    }

    private void requireOpen() {
        if (stage.isClosed()) {
            throw new OpportunityAlreadyClosed(opportunityId, stage);
        }
    }

    private void requireBidding() {
        requireOpen();
        if (stage != Stage.BIDDING) {
            throw new NotInBiddingStage(opportunityId, stage);
        }
    }

    private static void requirePositive(Money money) {
        Objects.requireNonNull(money, "amount");
        if (money.amount().signum() <= 0) {
            throw new AmountNotPositive(money);
        }
    }

    private static void requireReason(String reason, String change) {
        if (isBlank(reason)) {
            throw new ReasonRequired(change);
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToNull(String text) {
        return isBlank(text) ? null : text;
    }

    /** The customer whose credit a win reserves, and how much. */
    record WinTerms(String customerId, Money amount) {
    }

    /** Reopening: the customer, the open stage to return to, and whether a credit reservation is released. */
    record ReopenPlan(String customerId, Stage stage, boolean releasesCredit) {
    }
}
