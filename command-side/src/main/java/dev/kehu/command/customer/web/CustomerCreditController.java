package dev.kehu.command.customer.web;

import static dev.kehu.command.customer.web.RequestText.trimmed;

import dev.kehu.command.customer.CustomerCalendar;
import dev.kehu.command.customer.CustomerCommand.PlaceCreditHold;
import dev.kehu.command.customer.CustomerCommand.RecordCreditInvestigation;
import dev.kehu.command.customer.CustomerCommand.RecordDelivery;
import dev.kehu.command.customer.CustomerCommand.RecordInvoice;
import dev.kehu.command.customer.CustomerCommand.RecordOrder;
import dev.kehu.command.customer.CustomerCommand.RecordOverdueInvoice;
import dev.kehu.command.customer.CustomerCommand.RecordPayment;
import dev.kehu.command.customer.CustomerCommand.ReevaluateTier;
import dev.kehu.command.customer.CustomerCommand.ReleaseCreditHold;
import dev.kehu.command.customer.CustomerCommand.SetCreditLimit;
import dev.kehu.command.customer.CustomerCommand.SetCreditRating;
import dev.kehu.command.customer.web.CustomerRequests.CreditHoldRequest;
import dev.kehu.command.customer.web.CustomerRequests.CreditInvestigationRequest;
import dev.kehu.command.customer.web.CustomerRequests.CreditLimitRequest;
import dev.kehu.command.customer.web.CustomerRequests.CreditRatingRequest;
import dev.kehu.command.customer.web.CustomerRequests.DeliveryRequest;
import dev.kehu.command.customer.web.CustomerRequests.InvoiceRequest;
import dev.kehu.command.customer.web.CustomerRequests.OrderRequest;
import dev.kehu.command.customer.web.CustomerRequests.OverdueInvoiceRequest;
import dev.kehu.command.customer.web.CustomerRequests.PaymentRequest;
import dev.kehu.command.customer.web.CustomerRequests.TierEvaluationRequest;
import dev.kehu.command.web.CommandContext;
import dev.kehu.command.web.CommandExecutor;
import dev.kehu.command.web.InvalidRequestField;
import dev.kehu.events.Money;
import dev.kehu.events.customer.delivery.DeliveryItem;
import dev.kehu.events.customer.delivery.DeliveryStatus;
import java.util.List;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Customer's credit (资信), the ERP facts that make up its exposure and value (orders, invoices,
 * payments) and its value tier, under {@code /api/customers}; conventions as in {@link CustomerController}.
 *
 * <pre>
 * PUT    /api/customers/{id}/credit-rating                      set credit rating
 * PUT    /api/customers/{id}/credit-limit                       set credit limit (a raise beyond the credit
 *                                                               review needs a recent investigation, else 422)
 * POST   /api/customers/{id}/credit-investigations              record a credit investigation (201, investigationId;
 *                                                               idempotent on a given investigationId, other content 409)
 * POST   /api/customers/{id}/credit-hold                        place credit hold
 * DELETE /api/customers/{id}/credit-hold                        release credit hold (reason: X-Reason)
 * POST   /api/customers/{id}/orders                             ERP order (idempotent on orderNumber)
 * POST   /api/customers/{id}/invoices                           ERP invoice (idempotent on invoiceNumber)
 * POST   /api/customers/{id}/payments                           ERP payment (idempotent on paymentNumber)
 * POST   /api/customers/{id}/deliveries                         ERP delivery (idempotent on deliveryNumber; a later
 *                                                               status of it records the change)
 * POST   /api/customers/{id}/overdue-invoices                   ERP overdue invoice (idempotent on invoiceNumber)
 * POST   /api/customers/{id}/tier-evaluations                   re-evaluate value tier (asOf optional)
 * </pre>
 */
@RestController
@RequestMapping("/api/customers")
public class CustomerCreditController {

    private final CommandExecutor commands;
    private final CustomerCalendar calendar;

    public CustomerCreditController(CommandExecutor commands, CustomerCalendar calendar) {
        this.commands = commands;
        this.calendar = calendar;
    }

    // ------------------------------------------------------------ credit

    @PutMapping("/{customerId}/credit-rating")
    public ResponseEntity<String> setCreditRating(@PathVariable String customerId, CommandContext context,
                                                  @Valid @RequestBody CreditRatingRequest body) {
        return commands.send(context, body, () -> new SetCreditRating(customerId, body.rating()));
    }

    @PutMapping("/{customerId}/credit-limit")
    public ResponseEntity<String> setCreditLimit(@PathVariable String customerId, CommandContext context,
                                                 @Valid @RequestBody CreditLimitRequest body) {
        return commands.send(context, body, () -> new SetCreditLimit(customerId, new Money(body.amount(), body.currency()), calendar.today()));
    }

    @PostMapping("/{customerId}/credit-investigations")
    public ResponseEntity<String> recordCreditInvestigation(@PathVariable String customerId, CommandContext context,
                                                            @Valid @RequestBody CreditInvestigationRequest body) {
        LocalDate today = calendar.today();
        if (body.investigatedOn() != null && body.investigatedOn().isAfter(today)) {
            throw new InvalidRequestField("investigatedOn", "must not be after today (" + today + ")");
        }
        String investigationId = body.investigationId() != null && !body.investigationId().isBlank()
                ? body.investigationId().strip() : UUID.randomUUID().toString();
        String investigatedBy = body.investigatedBy() == null || body.investigatedBy().isBlank()
                ? context.actor() : body.investigatedBy().strip();
        return commands.create(context, body, null, "investigationId", investigationId,
                () -> new RecordCreditInvestigation(customerId, investigationId, body.sources().stream().map(String::strip)
                        .toList(), body.findings().strip(), body.evaluation().strip(), body.proposedRating(),
                        investigatedBy, body.investigatedOn() != null ? body.investigatedOn() : today));
    }

    @PostMapping("/{customerId}/credit-hold")
    public ResponseEntity<String> placeCreditHold(@PathVariable String customerId, CommandContext context,
                                                  @Valid @RequestBody CreditHoldRequest body) {
        return commands.sendWithReason(context, body, body.reason(), reason -> new PlaceCreditHold(customerId, reason));
    }

    @DeleteMapping("/{customerId}/credit-hold")
    public ResponseEntity<String> releaseCreditHold(@PathVariable String customerId, CommandContext context) {
        return commands.send(context, null, () -> new ReleaseCreditHold(customerId, context.reason()));
    }

    // ------------------------------------------------------------ ERP facts

    @PostMapping("/{customerId}/orders")
    public ResponseEntity<String> recordOrder(@PathVariable String customerId, CommandContext context,
                                              @Valid @RequestBody OrderRequest body) {
        return commands.send(context, body, () -> new RecordOrder(customerId, body.orderNumber(), new Money(body.amount(), body.currency()), body.orderedOn(), calendar.today()));
    }

    @PostMapping("/{customerId}/invoices")
    public ResponseEntity<String> recordInvoice(@PathVariable String customerId, CommandContext context,
                                                @Valid @RequestBody InvoiceRequest body) {
        return commands.send(context, body, () -> new RecordInvoice(customerId, body.invoiceNumber(), new Money(body.amount(), body.currency()), body.invoicedOn(), body.dueOn(), body.orderNumber(), trimmed(body.opportunityId())));
    }

    @PostMapping("/{customerId}/payments")
    public ResponseEntity<String> recordPayment(@PathVariable String customerId, CommandContext context,
                                                @Valid @RequestBody PaymentRequest body) {
        return commands.send(context, body, () -> new RecordPayment(customerId, body.paymentNumber(), body.invoiceNumber(), new Money(body.amount(), body.currency()), body.paidOn()));
    }

    @PostMapping("/{customerId}/deliveries")
    public ResponseEntity<String> recordDelivery(@PathVariable String customerId, CommandContext context,
                                                 @Valid @RequestBody DeliveryRequest body) {
        List<DeliveryItem> items = body.items() == null ? List.of() : body.items().stream()
                .map(item -> new DeliveryItem(item.product().strip(), item.quantity(), trimmed(item.unit()))).toList();
        if (items.isEmpty() && body.amount() == null) {
            throw new InvalidRequestField("items", "a delivery needs its items or its amount");
        }
        if (body.amount() != null && body.currency() == null) {
            throw new InvalidRequestField("currency", "is required with an amount");
        }
        Money amount = body.amount() == null ? null : new Money(body.amount(), body.currency());
        LocalDate statusOn = body.statusOn() != null ? body.statusOn()
                : body.status() == DeliveryStatus.SHIPPED ? body.shippedOn() : calendar.today();
        return commands.send(context, body, () -> new RecordDelivery(customerId, body.deliveryNumber(), body.orderNumber(), body.shippedOn(), items, amount, body.status(), statusOn));
    }

    @PostMapping("/{customerId}/overdue-invoices")
    public ResponseEntity<String> recordOverdueInvoice(@PathVariable String customerId, CommandContext context,
                                                       @Valid @RequestBody OverdueInvoiceRequest body) {
        return commands.send(context, body, () -> new RecordOverdueInvoice(customerId, body.invoiceNumber(), body.overdueSince()));
    }

    @PostMapping("/{customerId}/tier-evaluations")
    public ResponseEntity<String> reevaluateTier(@PathVariable String customerId, CommandContext context,
                                                 @Valid @RequestBody(required = false) TierEvaluationRequest body) {
        var asOf = body != null && body.asOf() != null ? body.asOf() : calendar.today();
        return commands.send(context, body, () -> new ReevaluateTier(customerId, asOf));
    }
}
