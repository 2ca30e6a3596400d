package dev.kehu.infra.security;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Back-off after failed sign-ins, per user name and per client address: after {@code maxFailures} failures of a
 * user ({@code maxFailuresPerAddress} from an address, where several people may share one), further attempts
 * wait {@code backoff}, doubled with each further failure up to {@code maxBackoff}; a success clears the user's count, and a count whose last failure is older than
 * {@code maxBackoff} starts again from zero (an office behind one address is not punished for last week's typos). Requests that arrive while waiting answer 429
 * with {@code Retry-After} before any password is checked (unless the credential was verified recently). Kept in memory (per instance): a restart forgets
 * it, which costs an attacker nothing it did not have, and the failures themselves are recorded durably by
 * {@link SignInFailures}. Bounded: at {@value #MAX_KEYS} keys it starts over.
 */
final class SignInThrottle {

    static final int MAX_KEYS = 100_000;

    private record State(int failures, long blockedUntilNanos, long lastFailureNanos) {
    }

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();
    private final SecurityProperties.SignIn settings;

    SignInThrottle(SecurityProperties.SignIn settings) {
        this.settings = settings;
    }

    /** How long this user or address must still wait, or zero. */
    Duration waitFor(String username, String address) {
        long now = System.nanoTime();
        long wait = Math.max(remaining("user:" + username, now), remaining("addr:" + address, now));
        return Duration.ofNanos(wait);
    }

    void failed(String username, String address) {
        if (states.size() >= MAX_KEYS) {
            states.clear();
        }
        long now = System.nanoTime();
        for (String key : new String[]{"user:" + username, "addr:" + address}) {
            int max = key.startsWith("user:") ? settings.maxFailures() : settings.maxFailuresPerAddress();
            states.compute(key, (k, state) -> {
                boolean forgotten = state == null || now - state.lastFailureNanos > settings.maxBackoff().toNanos();
                int failures = forgotten ? 1 : state.failures + 1;
                long blockedUntil = now;
                if (failures >= max) {
                    int doublings = Math.min(failures - max, 20);
                    long wait = Math.min(settings.backoff().toNanos() << doublings, settings.maxBackoff().toNanos());
                    blockedUntil = now + wait;
                }
                return new State(failures, blockedUntil, now);
            });
        }
    }

    void succeeded(String username) {
        states.remove("user:" + username);
    }

    private long remaining(String key, long now) {
        State state = states.get(key);
        return state == null ? 0 : Math.max(0, state.blockedUntilNanos - now);
    }
}
