package dev.kehu.command.web;

/** The Idempotency-Key was used before for a different request: answered 422. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused(String key) {
        super("Idempotency-Key " + key + " was already used for a different request (method, path or body)",
                null, false, false);
    }
}
