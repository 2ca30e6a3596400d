package dev.kehu.infra.security;

import com.mongodb.client.MongoDatabase;
import dev.kehu.command.actor.ActorSource;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call what (issue 13; docs/security.md). Stateless: every request signs in with HTTP Basic (embedded
 * users), a personal API token or an OIDC JWT (when {@code kehu.security.issuer-uri} or {@code jwk-set-uri} is
 * set); no session, no cookie, hence no CSRF token. Roles are checked here by path; the SALES rule (only one's
 * own customers and opportunities) is checked by the aggregates ({@code dev.kehu.command.actor.OwnerOnly}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final String SALES = Role.SALES.name();
    private static final String MANAGER = Role.MANAGER.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String ADMIN = Role.ADMIN.name();
    private static final String INTEGRATION = Role.INTEGRATION.name();

    @Bean
    PasswordEncoder passwordEncoder() {
        // {bcrypt} by default; stored hashes name their algorithm, so a stronger one can be adopted later
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDirectory userDirectory(MongoDatabase database, PasswordEncoder encoder, ObjectProvider<Clock> clock) {
        return new UserDirectory(database, encoder, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    ApiTokens apiTokens(MongoDatabase database, ObjectProvider<Clock> clock) {
        return new ApiTokens(database, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    SignInFailures signInFailures(MongoDatabase database, ObjectProvider<Clock> clock) {
        return new SignInFailures(database, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    IdentityAdministration identityAdministration(CommandGateway commands, UserDirectory users, ApiTokens tokens) {
        return new IdentityAdministration(commands, users, tokens);
    }

    @Bean
    FirstAdmin firstAdmin(UserDirectory users, IdentityAdministration identity) {
        return new FirstAdmin(users, identity);
    }

    @Bean
    ActorSource principalActorSource() {
        return new PrincipalActorSource();
    }

    /**
     * Spring's firewall stays strict about paths, but lets any header value through: the command side decodes and
     * checks header text itself and answers 400 naming the header (raw UTF-8 in {@code X-Reason}), where the
     * firewall would throw from {@code getHeader} deep inside a controller (a 500).
     */
    @Bean
    WebSecurityCustomizer headerValuesCheckedByTheApi() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(value -> true);
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, UserDirectory users, ApiTokens tokens,
                            SignInFailures failures) throws Exception {
        SignInThrottle throttle = new SignInThrottle(properties.signIn());
        CredentialCache cache = new CredentialCache(properties.credentialCacheTtl(), users::generation);
        KehuAuthenticationProviders kehu = new KehuAuthenticationProviders(users, tokens, cache, throttle, failures);
        List<AuthenticationProvider> providers = new ArrayList<>();
        if (properties.basic()) {
            providers.add(kehu.basic());
        }
        providers.add(kehu.apiTokens());
        if (properties.jwtEnabled()) {
            JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(jwtDecoder(properties));
            jwt.setJwtAuthenticationConverter(new JwtPrincipals(properties));
            providers.add(new AuthenticationProvider() {
                // an API token is never a JWT: leave the refusal of a bad one to the API token provider
                @Override
                public Authentication authenticate(Authentication authentication) {
                    return ((BearerTokenAuthenticationToken) authentication).getToken().startsWith(ApiTokens.PREFIX)
                            ? null : jwt.authenticate(authentication);
                }

                @Override
                public boolean supports(Class<?> authentication) {
                    return jwt.supports(authentication);
                }
            });
        }
        AuthenticationManager manager = new ProviderManager(providers);

        http.authenticationManager(manager)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache1 -> cache1.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .cors(cors -> cors.configurationSource(cors(properties)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> ProblemResponses.unauthorized(response, e))
                        .accessDeniedHandler((request, response, e) -> ProblemResponses.forbidden(response)))
                .oauth2ResourceServer(oauth -> oauth
                        .authenticationManagerResolver(request -> manager)
                        .authenticationEntryPoint((request, response, e) -> ProblemResponses.unauthorized(response, e))
                        .accessDeniedHandler((request, response, e) -> ProblemResponses.forbidden(response)))
                .addFilterBefore(new PasswordChangeFilter(), AuthorizationFilter.class)
                .authorizeHttpRequests(this::rules);
        if (properties.basic()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> ProblemResponses.unauthorized(response, e)));
        } else {
            http.httpBasic(basic -> basic.disable());
        }
        return http.build();
    }

    /** The role matrix of issue 13 by path; docs/security.md has it as a table. First match wins. */
    private void rules(org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer<HttpSecurity>
                               .AuthorizationManagerRequestMatcherRegistry rules) {
        rules.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                // operations (dev.kehu.infra.operations): probes and build info for anyone, the rest ADMIN
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/actuator/**").hasRole(ADMIN)
                // one's own account: every signed-in user
                .requestMatchers("/api/me", "/api/me/**").authenticated()
                // users, roles, tokens
                .requestMatchers("/api/users", "/api/users/**").hasRole(ADMIN)
                // operations: projections and the search node
                .requestMatchers(HttpMethod.GET, "/api/projections", "/api/projections/**", "/api/system/**")
                .hasAnyRole(ADMIN, AUDITOR)
                .requestMatchers("/api/projections/**").hasRole(ADMIN)
                // the audit API and raw histories
                .requestMatchers("/api/audit/**").hasRole(AUDITOR)
                .requestMatchers(HttpMethod.GET, "/api/customers/*/history", "/api/opportunities/*/history",
                        "/api/customers/*/changes").hasRole(AUDITOR)
                // personal data (dev.kehu.infra.privacy): erasure ADMIN, a person's copy ADMIN or AUDITOR
                .requestMatchers(HttpMethod.POST, "/api/privacy/erasures").hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/privacy/subjects/*/export").hasAnyRole(ADMIN, AUDITOR)
                .requestMatchers("/api/privacy/**").hasRole(ADMIN)
                // ERP facts
                .requestMatchers(HttpMethod.POST, "/api/customers/*/orders", "/api/customers/*/invoices",
                        "/api/customers/*/payments", "/api/customers/*/overdue-invoices", "/api/customers/*/deliveries")
                .hasRole(INTEGRATION)
                // assigning people and merging customers
                .requestMatchers(HttpMethod.PUT, "/api/customers/*/account-manager", "/api/opportunities/*/owner").hasRole(MANAGER)
                .requestMatchers(HttpMethod.POST, "/api/customers/*/merge").hasRole(MANAGER)
                // views, search and reports
                .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(SALES, MANAGER, AUDITOR)
                // every other customer and opportunity command (SALES on its own only: OwnerOnly)
                .requestMatchers(HttpMethod.POST, "/api/customers", "/api/customers/**", "/api/opportunities",
                        "/api/opportunities/**").hasAnyRole(SALES, MANAGER)
                .requestMatchers(HttpMethod.PUT, "/api/customers/**", "/api/opportunities/**").hasAnyRole(SALES, MANAGER)
                .requestMatchers(HttpMethod.DELETE, "/api/customers/**", "/api/opportunities/**").hasAnyRole(SALES, MANAGER)
                // customers in bulk from a CSV file (dev.kehu.infra.imports), as one by one
                .requestMatchers(HttpMethod.POST, "/api/imports/**").hasAnyRole(SALES, MANAGER)
                // anything else: signed in, then 404 or 405 as the API answers
                .anyRequest().authenticated();
    }

    private static NimbusJwtDecoder jwtDecoder(SecurityProperties properties) {
        NimbusJwtDecoder decoder = properties.jwkSetUri().isBlank()
                ? NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).build()
                : NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(properties.issuerUri().isBlank() ? JwtValidators.createDefault()
                : JwtValidators.createDefaultWithIssuer(properties.issuerUri()));
        if (!properties.audience().isBlank()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    audience -> audience != null && audience.contains(properties.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static CorsConfigurationSource cors(SecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.corsAllowedOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.corsAllowedOrigins());
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Reason", "X-Correlation-Id",
                    "Idempotency-Key", "If-Match", PrincipalActorSource.ON_BEHALF_OF));
            cors.setExposedHeaders(List.of("ETag", "Location", "X-Correlation-Id", "Retry-After"));
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }
}
