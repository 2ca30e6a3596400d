package dev.kehu.command.customer.web;

import dev.kehu.command.customer.CustomerCommand.ErasePersonalData;
import dev.kehu.command.actor.Actor;
import dev.kehu.command.customer.PersonalDataShredding;
import dev.kehu.command.web.CommandContext;
import dev.kehu.command.web.CommandDispatcher;
import dev.kehu.command.web.CommandExecutor;
import dev.kehu.command.web.CommandResult;
import dev.kehu.command.web.InvalidRequestField;
import dev.kehu.events.customer.PersonalDataErased.SubjectType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/privacy/erasures} (ADMIN): erases a person on request (docs/privacy.md). The Customer records
 * {@code PersonalDataErased} (refusing an unknown contact with 404, a company as subject with 422), then the
 * infrastructure deletes the key and purges views, search and claims. The same request again erases nothing new and
 * answers the same.
 */
@RestController
public class ErasureController {

    /** The request: {@code subjectType} contact or customer, the customer, the contact (for a contact), why. */
    public record ErasureRequest(
            @NotBlank @Pattern(regexp = "(?i)contact|customer", message = "must be contact or customer") String subjectType,
            @NotBlank @Size(max = 100) String customerId,
            @Size(max = 100) String contactId,
            @NotBlank @Size(max = 500) String reason) {
    }

    private final CommandExecutor commands;
    private final CommandDispatcher dispatcher;
    private final ObjectProvider<PersonalDataShredding> shredding;

    public ErasureController(CommandExecutor commands, CommandDispatcher dispatcher,
                             ObjectProvider<PersonalDataShredding> shredding) {
        this.commands = commands;
        this.dispatcher = dispatcher;
        this.shredding = shredding;
    }

    @PostMapping("/api/privacy/erasures")
    public ResponseEntity<String> erase(CommandContext context, @Valid @RequestBody ErasureRequest body) {
        SubjectType type = SubjectType.valueOf(body.subjectType().toUpperCase(Locale.ROOT));
        if (type == SubjectType.CONTACT && (body.contactId() == null || body.contactId().isBlank())) {
            throw new InvalidRequestField("contactId", "is required to erase a contact");
        }
        String subjectId = type == SubjectType.CONTACT ? body.contactId().strip() : body.customerId();
        // the security rules let only ADMIN here; the SALES rule (own customers only) is not the rule for erasure
        Actor caller = context.caller();
        CommandContext withReason = new CommandContext(
                new Actor(caller.id(), caller.name(), caller.onBehalfOf(), false), context.reason(),
                context.correlationId(), context.idempotencyKey(), context.expectedVersion(), context.method(),
                context.path()).withDefaultReason(body.reason());
        return commands.execute(withReason, body, () -> {
            CommandResult result = dispatcher.send(withReason,
                    new ErasePersonalData(body.customerId(), type, subjectId, body.reason()));
            result.with("subjectType", type.name()).with("subjectId", subjectId).with("erased", true);
            PersonalDataShredding shredder = shredding.getIfAvailable();
            if (shredder != null) {
                shredder.shred(body.customerId(), type, subjectId).forEach(result::with);
            }
            return result;
        });
    }
}
