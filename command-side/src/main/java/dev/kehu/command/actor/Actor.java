package dev.kehu.command.actor;

/**
 * Who sends a command: the authenticated principal's stable {@code id} and display {@code name}, the
 * person an integration acts for ({@code onBehalfOf}, else null), and whether the caller may change only
 * what it owns ({@code ownOnly}: a SALES user without MANAGER, see {@link OwnerOnly}).
 */
public record Actor(String id, String name, String onBehalfOf, boolean ownOnly) {
}
