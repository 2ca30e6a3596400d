package dev.kehu.infra.security;

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

/** Users, roles and their tokens (ADMIN only; see {@link SecurityConfiguration}). */
@RestController
@RequestMapping("/api/users")
class UserController {

    record NewUser(String username, String name, List<String> roles, String password) {
    }

    record Roles(List<String> roles) {
    }

    private final IdentityAdministration identity;
    private final UserDirectory users;
    private final ApiTokens tokens;

    UserController(IdentityAdministration identity, UserDirectory users, ApiTokens tokens) {
        this.identity = identity;
        this.users = users;
        this.tokens = tokens;
    }

    /** Without a password the user gets a one-time password, in this answer only, to change at first use. */
    @PostMapping
    ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal KehuPrincipal admin, @RequestBody NewUser body) {
        String oneTime = identity.createUser(admin, body.username(), body.name(), IdentityAdministration.roles(body.roles()),
                body.password());
        Map<String, Object> answer = user(users.find(body.username()).orElseThrow());
        if (oneTime != null) {
            answer.put("oneTimePassword", oneTime);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    @GetMapping("/{username}")
    Map<String, Object> get(@PathVariable String username) {
        return user(users.find(username).orElseThrow(() -> new UnknownUser(username)));
    }

    @PutMapping("/{username}/roles")
    Map<String, Object> roles(@AuthenticationPrincipal KehuPrincipal admin, @PathVariable String username,
                              @RequestBody Roles body) {
        identity.changeRoles(admin, username, IdentityAdministration.roles(body.roles()));
        return user(users.find(username).orElseThrow());
    }

    /** A token for another user, typically the ERP's INTEGRATION user. */
    @PostMapping("/{username}/tokens")
    ResponseEntity<Map<String, Object>> issue(@AuthenticationPrincipal KehuPrincipal admin, @PathVariable String username,
                                              @RequestBody AccountController.TokenRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(AccountController.issued(
                identity.issueToken(admin, username, body.label(), AccountController.lifetime(body.expiresInDays()))));
    }

    @GetMapping("/{username}/tokens")
    List<ApiTokens.TokenInfo> tokens(@PathVariable String username) {
        users.find(username).orElseThrow(() -> new UnknownUser(username));
        return tokens.of(username);
    }

    @DeleteMapping("/{username}/tokens/{tokenId}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal KehuPrincipal admin, @PathVariable String username,
                                @PathVariable String tokenId) {
        if (!identity.revokeToken(admin, username, tokenId)) {
            throw new TokenNotFound(tokenId);
        }
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> user(UserDirectory.StoredUser user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", user.username());
        body.put("name", user.name());
        body.put("roles", user.roles().stream().map(Enum::name).sorted().toList());
        body.put("mustChangePassword", user.mustChangePassword());
        return body;
    }
}
