package dev.kehu.command.customer.web;

import dev.kehu.command.web.MoneyAmount;
import dev.kehu.events.customer.credit.CreditRating;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.delivery.DeliveryStatus;
import dev.kehu.events.customer.followup.InteractionChannel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** JSON bodies of the Customer REST API, with their validation rules. */
public final class CustomerRequests {

    static final String CREDIT_CODE = "[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{2}\\d{6}[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{10}";
    static final String CREDIT_CODE_MESSAGE = "must be an 18-character unified social credit code";
    /** A number, then optionally an extension: 转 801, 分机 801, ext. 801, x801, #801 (as search reads them). */
    static final String PHONE = "\\+?[0-9 ()\\-.]{5,40}(?:\\s*(?:转|分机|[Ee][Xx][Tt]\\.?|[Xx]|#)\\s*[0-9]{1,8})?";
    static final String PHONE_MESSAGE = "must be a phone number: digits, spaces, ( ) - . and an optional leading +,"
            + " optionally followed by an extension (转 801, 分机 801, ext. 801, x801, #801)";
    static final String CURRENCY = "[A-Z]{3}";
    static final String CURRENCY_MESSAGE = "must be an ISO 4217 code such as CNY";
    static final String DOCUMENT_NUMBER = "[A-Za-z0-9._/\\-]{1,64}";
    static final String DOCUMENT_NUMBER_MESSAGE = "must be 1 to 64 letters, digits or . _ / -";

    private CustomerRequests() {
    }

    /** The profile fields a registration and a profile change both carry, read into one {@code CustomerProfile}. */
    public interface ProfileFields {
        String chineseName();

        String latinName();

        String creditCode();

        String mobile();

        String email();

        String industry();

        String region();

        String segment();

        String sourceChannel();

        List<String> tags();

        List<String> addresses();

        Map<String, String> preferences();

        String notes();
    }

    public record RegisterCustomerRequest(
            @NotNull CustomerKind kind,
            @Size(max = 200) String chineseName,
            @Size(max = 200) String latinName,
            @Pattern(regexp = CREDIT_CODE, message = CREDIT_CODE_MESSAGE) String creditCode,
            @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String mobile,
            @Email @Size(max = 254) String email,
            @Size(max = 100) String industry,
            @Size(max = 100) String region,
            @Size(max = 100) String segment,
            @Size(max = 100) String sourceChannel,
            @Size(max = 50) List<@NotBlank @Size(max = 50) String> tags,
            @Size(max = 10) List<@NotBlank @Size(max = 300) String> addresses,
            @Size(max = 100) Map<@NotBlank @Size(max = 100) String, @Size(max = 1000) String> preferences,
            @Size(max = 5000) String notes) implements ProfileFields {
    }

    public record ChangeProfileRequest(
            @Size(max = 200) String chineseName,
            @Size(max = 200) String latinName,
            @Pattern(regexp = CREDIT_CODE, message = CREDIT_CODE_MESSAGE) String creditCode,
            @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String mobile,
            @Email @Size(max = 254) String email,
            @Size(max = 100) String industry,
            @Size(max = 100) String region,
            @Size(max = 100) String segment,
            @Size(max = 100) String sourceChannel,
            @Size(max = 50) List<@NotBlank @Size(max = 50) String> tags,
            @Size(max = 10) List<@NotBlank @Size(max = 300) String> addresses,
            @Size(max = 100) Map<@NotBlank @Size(max = 100) String, @Size(max = 1000) String> preferences,
            @Size(max = 5000) String notes) implements ProfileFields {
    }

    public record ContactRequest(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 100) String title,
            @Size(max = 10) List<@NotNull @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String> phones,
            @Size(max = 10) List<@NotBlank @Email @Size(max = 254) String> emails,
            @Size(max = 2000) String notes) {
    }

    public record PrimaryContactRequest(@NotBlank @Size(max = 100) String contactId) {
    }

    public record AccountManagerRequest(@NotBlank @Size(max = 100) String accountManager,
                                        @Size(max = 500) String reason) {
    }

    public record InteractionRequest(
            @NotNull InteractionChannel channel,
            @Size(max = 100) String contactId,
            @NotNull LocalDate occurredOn,
            @Size(max = 2000) String outcome,
            @Size(max = 5000) String notes,
            LocalDate nextFollowUpOn) {
    }

    public record CompleteFollowUpRequest(LocalDate completedOn, @Size(max = 2000) String outcome) {
    }

    public record RescheduleFollowUpRequest(@NotNull LocalDate dueOn) {
    }

    public record CreditRatingRequest(@NotNull CreditRating rating) {
    }

    public record CreditLimitRequest(
            @NotNull @PositiveOrZero @MoneyAmount BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency) {
    }

    /**
     * A credit investigation; investigatedBy defaults to the caller, investigatedOn to today (not after it),
     * investigationId (e.g. the credit department's file number) to a new one.
     */
    public record CreditInvestigationRequest(
            @NotNull @Size(min = 1, max = 20) List<@NotBlank @Size(max = 300) String> sources,
            @NotBlank @Size(max = 5000) String findings,
            @NotBlank @Size(max = 2000) String evaluation,
            @NotNull CreditRating proposedRating,
            @Size(max = 100) String investigatedBy,
            LocalDate investigatedOn,
            @Size(max = 100) String investigationId) {
    }

    public record CreditHoldRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record OrderRequest(
            @NotNull @Pattern(regexp = DOCUMENT_NUMBER, message = DOCUMENT_NUMBER_MESSAGE) String orderNumber,
            @NotNull @DecimalMin(value = "0", inclusive = false) @MoneyAmount BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @NotNull LocalDate orderedOn) {
    }

    public record InvoiceRequest(
            @NotNull @Pattern(regexp = DOCUMENT_NUMBER, message = DOCUMENT_NUMBER_MESSAGE) String invoiceNumber,
            @NotNull @DecimalMin(value = "0", inclusive = false) @MoneyAmount BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @NotNull LocalDate invoicedOn,
            LocalDate dueOn,
            @Pattern(regexp = DOCUMENT_NUMBER, message = DOCUMENT_NUMBER_MESSAGE) String orderNumber,
            @Size(max = 100) String opportunityId) {
    }

    public record PaymentRequest(
            @NotNull @Pattern(regexp = DOCUMENT_NUMBER, message = DOCUMENT_NUMBER_MESSAGE) String paymentNumber,
            @NotNull @Pattern(regexp = DOCUMENT_NUMBER, message = DOCUMENT_NUMBER_MESSAGE) String invoiceNumber,
            @NotNull @DecimalMin(value = "0", inclusive = false) @MoneyAmount BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @NotNull LocalDate paidOn) {
    }

    /**
     * A delivery from the ERP: items or amount (with its currency), or both; statusOn defaults to shippedOn for a
     * shipped delivery and to today otherwise.
     */
    public record DeliveryRequest(
            @NotNull @Pattern(regexp = DOCUMENT_NUMBER, message = DOCUMENT_NUMBER_MESSAGE) String deliveryNumber,
            @NotNull @Pattern(regexp = DOCUMENT_NUMBER, message = DOCUMENT_NUMBER_MESSAGE) String orderNumber,
            @NotNull LocalDate shippedOn,
            @Size(max = 200) List<@NotNull @Valid DeliveryItemRequest> items,
            @DecimalMin(value = "0", inclusive = false) @MoneyAmount BigDecimal amount,
            @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @NotNull DeliveryStatus status,
            LocalDate statusOn) {
    }

    public record DeliveryItemRequest(@NotBlank @Size(max = 300) String product,
                                      @NotNull @DecimalMin(value = "0", inclusive = false) @MoneyAmount BigDecimal quantity,
                                      @Size(max = 20) String unit) {
    }

    public record OverdueInvoiceRequest(
            @NotNull @Pattern(regexp = DOCUMENT_NUMBER, message = DOCUMENT_NUMBER_MESSAGE) String invoiceNumber,
            @NotNull LocalDate overdueSince) {
    }

    public record TierEvaluationRequest(LocalDate asOf) {
    }

    public record ComplaintRequest(@Size(max = 100) String contactId,
                                   @NotBlank @Size(max = 200) String subject,
                                   @Size(max = 5000) String description) {
    }

    public record ComplaintResolutionRequest(@NotBlank @Size(max = 2000) String resolution,
                                             @NotNull @Min(1) @Max(5) Integer satisfactionScore) {
    }

    public record ReturnVisitRequest(@Size(max = 100) String complaintId,
                                     @NotNull LocalDate visitedOn,
                                     @Size(max = 5000) String notes,
                                     @Min(1) @Max(5) Integer satisfactionScore) {
    }

    public record ChurnRequest(@NotBlank @Size(max = 500) String reason, @Size(max = 200) String competitor) {
    }

    public record DropRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record ReactivateRequest(@Size(max = 500) String reason) {
    }

    public record MergeRequest(@NotBlank @Size(max = 100) String survivorId) {
    }
}
