package dev.kehu.command.actor;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The acting user of a command request. The command side only declares what it needs; the application
 * (infra, {@code dev.kehu.infra.security}) implements it from the authenticated principal, so the command
 * side stays free of any sign-in mechanism and its REST tests can supply an actor of their own.
 */
@FunctionalInterface
public interface ActorSource {

    /**
     * The actor of this request. Throws {@link InvalidRequestField} for a request that names an actor
     * in a header the caller may not use (e.g. on-behalf-of without the INTEGRATION role).
     */
    Actor actorOf(HttpServletRequest request);
}
