package dev.kehu.infra.apidocs;

import dev.kehu.command.web.CommandContext;
import dev.kehu.command.web.CommandContextArgumentResolver;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Describes what every command endpoint (a handler taking a {@link CommandContext}) shares: the request headers
 * of the command conventions and the command answer {@code {"id","version","position",…}} with its ETag, including
 * the 200 with {@code position: null} of a command that changed nothing.
 */
final class CommandOperations implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean command = Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> CommandContext.class.equals(parameter.getParameterType()));
        if (!command) {
            return operation;
        }
        operation.addParametersItem(header(CommandContextArgumentResolver.REASON,
                "Why (stored in every event's metadata); percent-encoded UTF-8, e.g. %E5%AE%A2%E6%88%B7%E8%A6%81%E6%B1%82 "
                        + "(客户要求, at the customer's request); at most 500 characters. Some commands require it.",
                "%E5%AE%A2%E6%88%B7%E8%A6%81%E6%B1%82"));
        operation.addParametersItem(header(CommandContextArgumentResolver.CORRELATION_ID,
                "Ties the events of one business step together; 1 to 100 of letters, digits, . _ : -. Generated when absent.",
                "import-2026-12-07"));
        operation.addParametersItem(header(CommandContextArgumentResolver.IDEMPOTENCY_KEY,
                "Sending the same request again with the same key replays the first answer (Idempotent-Replayed: true) "
                        + "instead of acting twice; 1 to 200 printable ASCII characters.",
                "b3f1c2d4-register-jd"));
        operation.addParametersItem(header(CommandContextArgumentResolver.IF_MATCH,
                "The aggregate version the change was based on (the ETag of an earlier answer); 412 when it moved on.",
                "\"3\""));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.remove("200");
        boolean creates = handler.hasMethodAnnotation(PostMapping.class);
        if (creates) {
            responses.addApiResponse("201", answer("Created: the new aggregate's or entity's id (Location header)."));
        }
        responses.addApiResponse("200", answer("Done. A command that changed nothing (already so) answers 200 with "
                + "`position: null` and the unchanged version: nothing was appended. 无变化时 position 为 null。"));
        operation.setResponses(responses);
        return operation;
    }

    private static HeaderParameter header(String name, String description, String example) {
        HeaderParameter header = new HeaderParameter();
        header.name(name).required(false).description(description).schema(new StringSchema()).example(example);
        return header;
    }

    @SuppressWarnings("rawtypes")
    private static ApiResponse answer(String description) {
        Schema result = new ObjectSchema()
                .addProperty("id", new StringSchema().description("The aggregate's id"))
                .addProperty("version", new IntegerSchema().format("int64").description("Its version after the command"))
                .addProperty("position", new IntegerSchema().format("int64").nullable(true)
                        .description("Global position of the commit; null when nothing was appended"))
                .additionalProperties(true)
                .example(Map.of("id", "0d3c9c1e-7f0a-4a53-9a43-2f7f7f3f0a11", "version", 1, "position", 42));
        return new ApiResponse().description(description)
                .content(new Content().addMediaType("application/json", new MediaType().schema(result)))
                .addHeaderObject("ETag", new Header().description("The version, quoted").schema(new StringSchema()));
    }
}
