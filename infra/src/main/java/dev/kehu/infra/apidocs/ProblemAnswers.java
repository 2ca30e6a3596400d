package dev.kehu.infra.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Adds the shared {@code Problem} schema (application/problem+json) and the error answers every endpoint can
 * give: 400 for bad input (naming the {@code field} or {@code parameter}), 401 and 403, 404 where the path names
 * something, and for changes 409 (conflict), 412 (If-Match no longer true) and 415; 503 when a dependency (search)
 * is away. Endpoints keep any answer they document themselves.
 */
final class ProblemAnswers implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                addAnswers(path, method, operation)));
    }

    private static void addAnswers(String path, PathItem.HttpMethod method, Operation operation) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("400", "Bad input: `field` or `parameter` names what to fix. 输入有误：指出字段或参数。");
        answers.put("401", "Not signed in.");
        answers.put("403", "Signed in without the role this needs.");
        if (path.contains("{")) {
            answers.put("404", "No such resource.");
        }
        if (method != PathItem.HttpMethod.GET) {
            answers.put("409", "Conflicts with the current state (a duplicate, a closed opportunity, a reused Idempotency-Key).");
            answers.put("412", "If-Match named a version that is no longer current.");
            answers.put("415", "The body is not application/json.");
        }
        answers.put("503", "A dependency is away (search, the event store); retry after Retry-After.");
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        answers.forEach((status, description) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                        .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
            }
        });
        operation.setResponses(responses);
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details, as every error answer carries them")
                .addProperty("type", new StringSchema().example("https://kehu.dev/problems/invalid-field"))
                .addProperty("title", new StringSchema().example("Invalid request field"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("creditCode: is required for a company customer"))
                .addProperty("code", new StringSchema().example("invalid-field"))
                .addProperty("field", new StringSchema().description("The request body field at fault").example("creditCode"))
                .addProperty("parameter", new StringSchema().description("The query parameter or header at fault").example("size"))
                .addProperty("instance", new StringSchema())
                .required(java.util.List.of("type", "title", "status"));
    }
}
