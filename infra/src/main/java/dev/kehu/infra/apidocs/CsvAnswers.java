package dev.kehu.infra.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Documents the CSV form of the query side's answers ({@code dev.kehu.infra.export.CsvRowsConverter}): every
 * {@code GET} that answers JSON may be asked for {@code text/csv} (UTF-8 with a byte-order mark; a list gives one
 * row per item and its next cursor in {@code X-Next-Cursor}).
 */
final class CsvAnswers implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (item.getGet() == null || item.getGet().getResponses() == null) {
                return;
            }
            ApiResponse ok = item.getGet().getResponses().get("200");
            if (ok != null && ok.getContent() != null && ok.getContent().containsKey("application/json")) {
                ok.getContent().addMediaType("text/csv", new MediaType().schema(new StringSchema()
                        .description("With Accept: text/csv: CSV, UTF-8 with BOM; one row per item of a list "
                                + "(next page's cursor in X-Next-Cursor). 以 CSV 导出。")));
            }
        });
    }
}
