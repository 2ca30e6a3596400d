package dev.kehu.command.web;

/** A request with the same Idempotency-Key is still being processed: answered 409, retry later. */
public class IdempotentRequestInProgress extends RuntimeException {

    public IdempotentRequestInProgress(String key) {
        super("a request with Idempotency-Key " + key + " is still in progress; retry later", null, false, false);
    }
}
