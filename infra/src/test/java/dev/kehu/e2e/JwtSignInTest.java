package dev.kehu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.model.Sorts;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Sign-in with an OIDC provider's JWTs, Keycloak-style (roles in {@code realm_access.roles}). The test is the
 * provider: it generates an RSA key, serves its public half as a JWK set on 127.0.0.1 and signs tokens with
 * Nimbus; the application checks them through its real filter chain. Wrong signature, issuer, audience or expiry
 * are refused with 401.
 */
class JwtSignInTest extends WholeApplicationTest {

    static final String ISSUER = "https://sso.example.test/realms/kehu";
    static final String AUDIENCE = "kehu-api";
    static final RSAKey KEY = generate("kehu-test-key");
    /** Another key under the same key id: a forger's. */
    static final RSAKey FORGER = generate("kehu-test-key");
    static final HttpServer JWKS = serve(new JWKSet(KEY.toPublicJWK()));

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("kehu.security.issuer-uri", () -> ISSUER);
        registry.add("kehu.security.jwk-set-uri", () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/certs");
        registry.add("kehu.security.audience", () -> AUDIENCE);
        registry.add("kehu.security.roles-claim", () -> "realm_access.roles");
        registry.add("kehu.security.name-claim", () -> "name");
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
    }

    @Test
    void aValidTokenSignsInAndItsSubjectIsTheStoredActor() {
        String subject = UUID.randomUUID().toString();
        String token = sign(KEY, claims(subject, ISSUER, AUDIENCE, Instant.now().plusSeconds(300), List.of("SALES", "offline_access")));
        Api.Response registered = new Api(port).post("/api/customers", Map.of("kind", "COMPANY",
                        "chineseName", "华为技术有限公司", "latinName", "Huawei Technologies", "creditCode", "914403001922038216"),
                "Authorization", "Bearer " + token, "X-Actor", "spoofed");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Document metadata = database.getCollection("events").find().sort(Sorts.descending("_id")).first().get("metadata", Document.class);
        assertThat(metadata.getString("actor")).isEqualTo(subject);
        assertThat(metadata.getString("actorName")).isEqualTo("王芳 Wang Fang");

        Api.Response me = new Api(port).get("/api/me", "Authorization", "Bearer " + token);
        assertThat(me.body().get("roles").toString()).isEqualTo("[\"SALES\"]");
        assertThat(new Api(port).get("/api/audit/digest", "Authorization", "Bearer " + token).status())
                .as("SALES is no AUDITOR").isEqualTo(403);
    }

    @Test
    void tokensWithAWrongSignatureIssuerAudienceOrExpiryAreRefused() {
        String subject = "user-" + UUID.randomUUID();
        List<String> roles = List.of("SALES", "MANAGER", "AUDITOR");
        Instant later = Instant.now().plusSeconds(300);
        assertThat(status(sign(KEY, claims(subject, ISSUER, AUDIENCE, later, roles)))).as("valid").isEqualTo(200);
        assertThat(status(sign(FORGER, claims(subject, ISSUER, AUDIENCE, later, roles)))).as("signature").isEqualTo(401);
        assertThat(status(sign(KEY, claims(subject, "https://evil.example.test/realms/kehu", AUDIENCE, later, roles))))
                .as("issuer").isEqualTo(401);
        assertThat(status(sign(KEY, claims(subject, ISSUER, "another-api", later, roles)))).as("audience").isEqualTo(401);
        assertThat(status(sign(KEY, claims(subject, ISSUER, AUDIENCE, Instant.now().minusSeconds(300), roles))))
                .as("expired").isEqualTo(401);
        String valid = sign(KEY, claims(subject, ISSUER, AUDIENCE, later, roles));
        assertThat(status(valid.substring(0, valid.length() - 4) + "AAAA")).as("tampered").isEqualTo(401);
        assertThat(status(sign(KEY, claims(subject, ISSUER, AUDIENCE, later, List.of("offline_access")))))
                .as("no Kehu role").isEqualTo(403);
    }

    private int status(String token) {
        Api.Response answer = new Api(port).get("/api/customers", "Authorization", "Bearer " + token);
        if (answer.status() == 401) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().get("code").asString()).isEqualTo("unauthorized");
        }
        return answer.status();
    }

    private static JWTClaimsSet claims(String subject, String issuer, String audience, Instant expires, List<String> roles) {
        return new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audience)
                .issueTime(Date.from(Instant.now().minusSeconds(600))).expirationTime(Date.from(expires))
                .claim("name", "王芳 Wang Fang").claim("preferred_username", "wang.fang")
                .claim("realm_access", Map.of("roles", roles)).build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer serve(JWKSet keys) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
