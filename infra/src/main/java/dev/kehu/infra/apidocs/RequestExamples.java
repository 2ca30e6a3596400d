package dev.kehu.infra.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request examples in Chinese and in English, by request schema name, from {@code apidocs/examples.json}: kept as
 * data beside the spec rather than as annotations on the command side's request records.
 */
final class RequestExamples implements OpenApiCustomizer {

    private static final String RESOURCE = "/apidocs/examples.json";

    private final Map<String, Map<String, Object>> examples = load();

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                return;
            }
            MediaType json = operation.getRequestBody().getContent().get("application/json");
            if (json == null || json.getSchema() == null || json.getSchema().get$ref() == null) {
                return;
            }
            String ref = json.getSchema().get$ref();
            Map<String, Object> named = examples.get(ref.substring(ref.lastIndexOf('/') + 1));
            if (named != null) {
                Map<String, Example> forSchema = new LinkedHashMap<>();
                named.forEach((name, value) -> forSchema.put(name, new Example().summary(name).value(value)));
                json.setExamples(forSchema);
            }
        }));
    }

    private static Map<String, Map<String, Object>> load() {
        try (InputStream in = RequestExamples.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return JsonMapper.builder().build().readValue(in, new TypeReference<Map<String, Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
