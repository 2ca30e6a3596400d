package dev.kehu.command.opportunity.web;

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
import dev.kehu.command.opportunity.web.OpportunityRequests.AmountRequest;
import dev.kehu.command.opportunity.web.OpportunityRequests.BidPreparationRequest;
import dev.kehu.command.opportunity.web.OpportunityRequests.BidResultRequest;
import dev.kehu.command.opportunity.web.OpportunityRequests.BidSubmissionRequest;
import dev.kehu.command.opportunity.web.OpportunityRequests.CloseDateRequest;
import dev.kehu.command.opportunity.web.OpportunityRequests.LoseRequest;
import dev.kehu.command.opportunity.web.OpportunityRequests.OpenOpportunityRequest;
import dev.kehu.command.opportunity.web.OpportunityRequests.OwnerRequest;
import dev.kehu.command.opportunity.web.OpportunityRequests.PriorityRequest;
import dev.kehu.command.opportunity.web.OpportunityRequests.ProbabilityRequest;
import dev.kehu.command.opportunity.web.OpportunityRequests.ReopenRequest;
import dev.kehu.command.opportunity.web.OpportunityRequests.StageRequest;
import dev.kehu.command.web.CommandContext;
import dev.kehu.command.web.CommandDispatcher;
import dev.kehu.command.web.CommandExecutor;
import dev.kehu.events.Money;
import dev.kehu.events.opportunity.OpportunityPriority;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Opportunity command API: one endpoint per command, with the shared conventions of
 * {@code dev.kehu.command.web} (X-Actor, X-Reason, X-Correlation-Id, Idempotency-Key, If-Match,
 * problem+json) answering {@code {"id","version","position"}} with an ETag. Refusals name their rule
 * in the problem's {@code rule} property: 409 for conflicts with the opportunity's state (e.g.
 * {@code opportunity-already-closed}), 422 for rules (e.g. {@code opportunity-not-winnable},
 * {@code credit-hold}, {@code credit-limit}).
 */
@RestController
@RequestMapping("/api/opportunities")
public class OpportunityController {

    private final CommandExecutor commands;
    private final CommandDispatcher dispatcher;

    public OpportunityController(CommandExecutor commands, CommandDispatcher dispatcher) {
        this.commands = commands;
        this.dispatcher = dispatcher;
    }

    @PostMapping
    public ResponseEntity<String> open(CommandContext context, @Valid @RequestBody OpenOpportunityRequest body) {
        String opportunityId = UUID.randomUUID().toString();
        OpportunityPriority priority = body.priority() == null ? OpportunityPriority.NORMAL : body.priority();
        return commands.execute(context, body, HttpStatus.CREATED, "/api/opportunities/" + opportunityId,
                () -> dispatcher.send(context, new OpenOpportunity(opportunityId, body.customerId().strip(),
                        body.title().strip(), new Money(body.amount(), body.currency()), body.expectedCloseDate(),
                        trimmed(body.source()), body.ownerId().strip(), priority)));
    }

    @PutMapping("/{opportunityId}/amount")
    public ResponseEntity<String> changeAmount(@PathVariable String opportunityId, CommandContext context,
                                               @Valid @RequestBody AmountRequest body) {
        return commands.send(context, body, () -> new ChangeOpportunityAmount(opportunityId, new Money(body.amount(), body.currency())));
    }

    @PutMapping("/{opportunityId}/close-date")
    public ResponseEntity<String> changeCloseDate(@PathVariable String opportunityId, CommandContext context,
                                                  @Valid @RequestBody CloseDateRequest body) {
        return commands.send(context, body, () -> new ChangeExpectedCloseDate(opportunityId, body.expectedCloseDate()));
    }

    @PutMapping("/{opportunityId}/priority")
    public ResponseEntity<String> changePriority(@PathVariable String opportunityId, CommandContext context,
                                                 @Valid @RequestBody PriorityRequest body) {
        return commands.send(context, body, () -> new ChangeOpportunityPriority(opportunityId, body.priority()));
    }

    @PutMapping("/{opportunityId}/probability")
    public ResponseEntity<String> overrideProbability(@PathVariable String opportunityId, CommandContext context,
                                                      @Valid @RequestBody ProbabilityRequest body) {
        return commands.sendWithReason(context, body, trimmed(body.reason()),
                reason -> new OverrideOpportunityProbability(opportunityId, body.probability(), reason));
    }

    @PostMapping("/{opportunityId}/stage")
    public ResponseEntity<String> moveToStage(@PathVariable String opportunityId, CommandContext context,
                                              @Valid @RequestBody StageRequest body) {
        return commands.sendWithReason(context, body, trimmed(body.reason()),
                reason -> new MoveOpportunityToStage(opportunityId, body.stage(), reason));
    }

    @PostMapping("/{opportunityId}/bid/preparation")
    public ResponseEntity<String> completeBidPreparation(@PathVariable String opportunityId, CommandContext context,
                                                         @Valid @RequestBody BidPreparationRequest body) {
        return commands.send(context, body, () -> new CompleteBidPreparation(opportunityId, body.checklist()));
    }

    @PostMapping("/{opportunityId}/bid/submission")
    public ResponseEntity<String> submitBid(@PathVariable String opportunityId, CommandContext context,
                                            @Valid @RequestBody BidSubmissionRequest body) {
        return commands.send(context, body, () -> new SubmitBid(opportunityId, new Money(body.amount(), body.currency()), body.deadline()));
    }

    @PostMapping("/{opportunityId}/bid/result")
    public ResponseEntity<String> recordBidResult(@PathVariable String opportunityId, CommandContext context,
                                                  @Valid @RequestBody BidResultRequest body) {
        return commands.send(context, body, () -> new RecordBidResult(opportunityId, body.outcome(), trimmed(body.notes())));
    }

    @PostMapping("/{opportunityId}/win")
    public ResponseEntity<String> win(@PathVariable String opportunityId, CommandContext context) {
        return commands.send(context, null, () -> new MarkOpportunityWon(opportunityId));
    }

    @PostMapping("/{opportunityId}/lose")
    public ResponseEntity<String> lose(@PathVariable String opportunityId, CommandContext context,
                                       @Valid @RequestBody LoseRequest body) {
        return commands.sendWithReason(context, body, trimmed(body.reason()),
                reason -> new MarkOpportunityLost(opportunityId, reason, trimmed(body.competitor())));
    }

    @PostMapping("/{opportunityId}/reopen")
    public ResponseEntity<String> reopen(@PathVariable String opportunityId, CommandContext context,
                                         @Valid @RequestBody ReopenRequest body) {
        return commands.sendWithReason(context, body, trimmed(body.reason()),
                reason -> new ReopenOpportunity(opportunityId, body.stage(), reason));
    }

    @PutMapping("/{opportunityId}/owner")
    public ResponseEntity<String> reassignOwner(@PathVariable String opportunityId, CommandContext context,
                                                @Valid @RequestBody OwnerRequest body) {
        return commands.sendWithReason(context, body, trimmed(body.reason()),
                reason -> new ReassignOpportunityOwner(opportunityId, body.ownerId().strip(), reason));
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
