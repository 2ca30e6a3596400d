package dev.kehu.infra.security;

import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * First start (no user at all): creates {@code admin} (ADMIN) with a one-time password, printed once to the
 * log, as Jenkins and Grafana do. It must be changed at first use ({@link PasswordChangeFilter}). Never again
 * once any user exists; with an OIDC provider only, the admin is still the way to issue API tokens.
 */
final class FirstAdmin implements ApplicationRunner {

    static final String USERNAME = "admin";
    static final KehuPrincipal FIRST_START = new KehuPrincipal("system:first-start", "first start", EnumSet.noneOf(Role.class), false);
    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserDirectory users;
    private final IdentityAdministration identity;

    FirstAdmin(UserDirectory users, IdentityAdministration identity) {
        this.users = users;
        this.identity = identity;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!users.isEmpty()) {
            return;
        }
        try {
            String password = identity.createUser(FIRST_START, USERNAME, "Administrator", EnumSet.of(Role.ADMIN), null);
            log.warn("""

                    ************************************************************************
                    First start: created user '{}' with the one-time password

                        {}

                    Sign in with it (HTTP Basic) and set your own password first:
                    PUT /api/me/password {"currentPassword": "…", "password": "…"}
                    This password is shown only this once.
                    ************************************************************************""", USERNAME, password);
        } catch (UserAlreadyExists e) {
            // another instance started at the same time and created it
        }
    }
}
