package dev.kehu.infra.privacy;

/**
 * The master key is missing, unreadable or not the one the store's subject keys were wrapped with. Start-up stops
 * with this (one clear message, {@code dev.kehu.infra.startup.MasterKeyFailureAnalyzer}); the message never holds
 * key material.
 */
public class MasterKeyException extends RuntimeException {

    private final String action;

    MasterKeyException(String message, String action) {
        super(message);
        this.action = action;
    }

    /** What the operator should do about it. */
    public String action() {
        return action;
    }
}
