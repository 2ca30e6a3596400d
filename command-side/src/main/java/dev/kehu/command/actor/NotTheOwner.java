package dev.kehu.command.actor;

/**
 * A caller who may change only what it owns (SALES without MANAGER) sent a command for a customer it
 * does not manage or an opportunity it does not own: 403 {@code not-the-owner}, nothing appended.
 */
public class NotTheOwner extends RuntimeException {

    public NotTheOwner(String message) {
        super(message, null, false, false);
    }
}
