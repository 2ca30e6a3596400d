package dev.kehu.command.customer.web;

import dev.kehu.events.customer.followup.InteractionChannel;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** JSON bodies of the after-sales service request API, with their validation rules; dates default to today. */
public final class ServiceRequestRequests {

    /** A time window of a visit: "09:00-12:00". */
    static final String WINDOW = "([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]";
    static final String WINDOW_MESSAGE = "must be a time window such as 09:00-12:00";

    private ServiceRequestRequests() {
    }

    public record ReportRequest(@NotBlank @Size(max = 2000) String problem,
                                @NotBlank @Size(max = 300) String equipment,
                                @Size(max = 100) String contactId,
                                @NotNull InteractionChannel channel,
                                LocalDate reportedOn) {
    }

    public record PhoneResolutionRequest(@NotBlank @Size(max = 100) String engineer,
                                         @NotBlank @Size(max = 2000) String resolution,
                                         LocalDate resolvedOn) {
    }

    public record AppointmentRequest(@NotNull LocalDate date,
                                     @NotNull @Pattern(regexp = WINDOW, message = WINDOW_MESSAGE) String window,
                                     @NotBlank @Size(max = 100) String engineer) {
    }

    public record RescheduleRequest(@NotNull LocalDate date,
                                    @NotNull @Pattern(regexp = WINDOW, message = WINDOW_MESSAGE) String window,
                                    @NotBlank @Size(max = 500) String reason) {
    }

    public record ReassignRequest(@NotBlank @Size(max = 100) String engineer,
                                  @NotBlank @Size(max = 500) String reason) {
    }

    public record VisitRequest(@NotBlank @Size(max = 2000) String outcome, LocalDate visitedOn) {
    }

    public record ClosureRequest(@NotNull @Min(1) @Max(5) Integer satisfactionScore, LocalDate closedOn) {
    }

    /** The service request a complaint refers to. */
    public record ComplaintLinkRequest(@NotBlank @Size(max = 100) String requestId) {
    }
}
