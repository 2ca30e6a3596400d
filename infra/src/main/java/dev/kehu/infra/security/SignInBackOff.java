package dev.kehu.infra.security;

import java.time.Duration;
import org.springframework.security.authentication.AccountStatusException;

/**
 * This user or address failed too often and must wait: 429 with {@code Retry-After}, no credential checked. An
 * {@link AccountStatusException}, so that Spring's provider manager tries no further provider.
 */
class SignInBackOff extends AccountStatusException {

    private final Duration wait;

    SignInBackOff(Duration wait) {
        super("sign-in back-off");
        this.wait = wait;
    }

    long retryAfterSeconds() {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
