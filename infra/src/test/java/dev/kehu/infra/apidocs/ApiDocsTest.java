package dev.kehu.infra.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.KehuApplication;
import dev.kehu.infra.elasticsearch.SharedServers;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The published API description: valid OpenAPI (checked by the swagger parser), public, and complete: every
 * {@code /api} mapping Spring MVC knows is in it with its method, and the conventions are described.
 */
@SpringBootTest(classes = KehuApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SharedServers
class ApiDocsTest {

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private OpenAPI spec;
    private String json;

    @BeforeEach
    void readTheSpecWithoutSigningIn() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        json = response.body();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        spec = parsed.getOpenAPI();
        assertThat(spec).isNotNull();
    }

    @Test
    void everyControllerMappingIsInTheSpec() {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api")) {
                    continue;
                }
                // OpenAPI paths name a variable without its regular expression: {kind:customers|opportunities} → {kind}
                String path = pattern.replaceAll("\\{(\\w+):[^}]*}", "{$1}");
                PathItem item = spec.getPaths().get(path);
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    checked++;
                    if (item == null || item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.name())) == null) {
                        missing.add(method + " " + path);
                    }
                }
            }
        }
        assertThat(checked).as("mappings checked").isGreaterThan(60);
        assertThat(missing).as("mappings missing from /v3/api-docs").isEmpty();
    }

    @Test
    void describesTheCommandHeadersAndAnswer() {
        Operation register = spec.getPaths().get("/api/customers").getPost();
        assertThat(register.getParameters()).extracting(Parameter::getName)
                .contains("X-Reason", "X-Correlation-Id", "Idempotency-Key", "If-Match");
        assertThat(register.getResponses()).containsKeys("201", "200", "400", "409");
        assertThat(register.getResponses().get("200").getDescription()).contains("position: null");
        assertThat(register.getResponses().get("400").getContent()).containsKey("application/problem+json");
        assertThat(register.getRequestBody().getContent().get("application/json").getExamples())
                .containsKeys("中文 (company)", "English (individual)");
    }

    @Test
    void describesTheProblemShapeAndTheEnumValues() {
        @SuppressWarnings({"rawtypes", "unchecked"})
        Map<String, io.swagger.v3.oas.models.media.Schema<?>> schemas = (Map) spec.getComponents().getSchemas();
        assertThat(schemas.get("Problem").getProperties()).containsKeys("type", "title", "status", "detail", "code",
                "field", "parameter");
        io.swagger.v3.oas.models.media.Schema<?> kind = (io.swagger.v3.oas.models.media.Schema<?>) schemas.get("RegisterCustomerRequest").getProperties().get("kind");
        assertThat(kind.getEnum()).map(String::valueOf).containsExactlyInAnyOrder("COMPANY", "INDIVIDUAL");
        io.swagger.v3.oas.models.media.Schema<?> channel = (io.swagger.v3.oas.models.media.Schema<?>) schemas.get("InteractionRequest").getProperties().get("channel");
        assertThat(channel.getEnum()).map(String::valueOf).contains("VISIT", "CALL", "EMAIL");
    }

    @Test
    void offersCsvForTheLists() {
        assertThat(spec.getPaths().get("/api/customers").getGet().getResponses().get("200").getContent())
                .containsKeys("application/json", "text/csv");
        assertThat(spec.getPaths().get("/api/value/rfm").getGet().getResponses().get("200").getContent()).containsKey("text/csv");
    }

    @Test
    void servesSwaggerUi() throws Exception {
        HttpResponse<String> ui = get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
