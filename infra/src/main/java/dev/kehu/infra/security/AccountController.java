package dev.kehu.infra.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** One's own account: who am I, my password, my personal API tokens. Every signed-in user. */
@RestController
@RequestMapping("/api/me")
class AccountController {

    record PasswordChange(String currentPassword, String password) {
    }

    record TokenRequest(String label, Integer expiresInDays) {
    }

    private final IdentityAdministration identity;
    private final ApiTokens tokens;

    AccountController(IdentityAdministration identity, ApiTokens tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    @GetMapping
    Map<String, Object> me(@AuthenticationPrincipal KehuPrincipal me) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", me.id());
        body.put("name", me.name());
        body.put("roles", KehuAuthentication.roleNames(me));
        body.put("mustChangePassword", me.mustChangePassword());
        return body;
    }

    @PutMapping("/password")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal KehuPrincipal me, @RequestBody PasswordChange body) {
        identity.changeOwnPassword(me, body.currentPassword(), body.password());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/tokens")
    ResponseEntity<Map<String, Object>> issue(@AuthenticationPrincipal KehuPrincipal me, @RequestBody TokenRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(issued(identity.issueToken(me, me.id(), body.label(),
                lifetime(body.expiresInDays()))));
    }

    @GetMapping("/tokens")
    List<ApiTokens.TokenInfo> list(@AuthenticationPrincipal KehuPrincipal me) {
        return tokens.of(me.id());
    }

    @DeleteMapping("/tokens/{tokenId}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal KehuPrincipal me, @PathVariable String tokenId) {
        if (!identity.revokeToken(me, me.id(), tokenId)) {
            throw new TokenNotFound(tokenId);
        }
        return ResponseEntity.noContent().build();
    }

    static Duration lifetime(Integer days) {
        return Duration.ofDays(days == null ? 90 : days);
    }

    /** The token text is in this answer only. */
    static Map<String, Object> issued(ApiTokens.IssuedToken issued) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.token());
        body.put("id", issued.info().id());
        body.put("username", issued.info().username());
        body.put("label", issued.info().label());
        body.put("expiresAt", issued.info().expiresAt().toString());
        return body;
    }
}
