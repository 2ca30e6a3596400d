package dev.kehu.infra.apidocs;

import dev.kehu.command.web.CommandContext;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The API description (springdoc): {@code /v3/api-docs} (OpenAPI 3.1) and Swagger UI at {@code /swagger-ui.html},
 * both readable without signing in. The controllers carry no documentation annotations: what the spec says
 * beyond their signatures (the command headers, the command answer, the problem+json answers, bilingual
 * examples) is added here by customizers, from the conventions every controller follows.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsConfiguration {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";

    static {
        // the command context is resolved from headers and the principal (CommandContextArgumentResolver), not
        // bound from query parameters: its headers are described by CommandOperations
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CommandContext.class);
    }

    @Bean
    OpenAPI kehuOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("Kehu CRM API 客户关系管理")
                        .version(properties == null ? "dev" : properties.getVersion())
                        .description("""
                                Event-sourced CRM: commands change customers and opportunities, views answer \
                                questions. 事件溯源的客户关系管理：命令修改客户与商机，视图回答查询。

                                Errors are application/problem+json with `type`, `title`, `status`, `detail`, \
                                `code` and, for bad input, the `field` or `parameter` at fault. \
                                错误以 problem+json 返回，并指出出错的字段或参数。"""))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Embedded users (kehu.security.basic=true)"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A personal API token (kehu_…) or an OIDC JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OperationCustomizer kehuCommandOperations() {
        return new CommandOperations();
    }

    @Bean
    OpenApiCustomizer kehuProblemAnswers() {
        return new ProblemAnswers();
    }

    @Bean
    OpenApiCustomizer kehuCsvAnswers() {
        return new CsvAnswers();
    }

    @Bean
    OpenApiCustomizer kehuRequestExamples() {
        return new RequestExamples();
    }

    /**
     * The documentation is public and Swagger UI needs scripts and styles from its own origin, which the API's
     * {@code default-src 'none'} policy forbids: its paths get this chain, ahead of the API's.
     */
    @Bean
    @Order(0)
    SecurityFilterChain apiDocs(HttpSecurity http) throws Exception {
        return http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'"))
                        .frameOptions(frame -> frame.deny()))
                .build();
    }
}
