package dev.kehu.command.opportunity.web;

import dev.kehu.command.web.MoneyAmount;
import dev.kehu.events.opportunity.BidOutcome;
import dev.kehu.events.opportunity.OpportunityPriority;
import dev.kehu.events.opportunity.Stage;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * JSON bodies of the Opportunity REST API, with their validation rules. Amounts are a decimal
 * {@code amount} with an ISO 4217 {@code currency}, as in the Customer API. A {@code reason} in a
 * body is the domain reason (stored in the event) and, when the {@code X-Reason} header is absent,
 * the audit reason; when the body has none, {@code X-Reason} is used as the domain reason.
 */
public final class OpportunityRequests {

    static final String CURRENCY = "[A-Z]{3}";
    static final String CURRENCY_MESSAGE = "must be an ISO 4217 code such as CNY";

    private OpportunityRequests() {
    }

    public record OpenOpportunityRequest(
            @NotBlank @Size(max = 100) String customerId,
            @NotBlank @Size(max = 200) String title,
            @NotNull @DecimalMin(value = "0", inclusive = false) @MoneyAmount BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @NotNull LocalDate expectedCloseDate,
            @Size(max = 100) String source,
            @NotBlank @Size(max = 100) String ownerId,
            OpportunityPriority priority) {
    }

    public record AmountRequest(
            @NotNull @DecimalMin(value = "0", inclusive = false) @MoneyAmount BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency) {
    }

    public record CloseDateRequest(@NotNull LocalDate expectedCloseDate) {
    }

    public record PriorityRequest(@NotNull OpportunityPriority priority) {
    }

    public record ProbabilityRequest(@NotNull @Min(0) @Max(100) Integer probability,
                                     @Size(max = 500) String reason) {
    }

    public record StageRequest(@NotNull Stage stage, @Size(max = 500) String reason) {
    }

    public record BidPreparationRequest(@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 200) String> checklist) {
    }

    public record BidSubmissionRequest(
            @NotNull @DecimalMin(value = "0", inclusive = false) @MoneyAmount BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @NotNull LocalDate deadline) {
    }

    public record BidResultRequest(@NotNull BidOutcome outcome, @Size(max = 2000) String notes) {
    }

    public record LoseRequest(@Size(max = 500) String reason, @Size(max = 200) String competitor) {
    }

    public record ReopenRequest(Stage stage, @Size(max = 500) String reason) {
    }

    public record OwnerRequest(@NotBlank @Size(max = 100) String ownerId, @Size(max = 500) String reason) {
    }
}
